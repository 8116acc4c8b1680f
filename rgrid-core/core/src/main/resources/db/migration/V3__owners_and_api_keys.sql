-- Every execution belongs to an owner: the owner of the API key that created it, or 'local' for the
-- embedded default (and for every row written before owners existed).
ALTER TABLE executions ADD COLUMN owner text NOT NULL DEFAULT 'local';
-- A client-chosen key that makes a retried submission return the first execution instead of a second.
ALTER TABLE executions ADD COLUMN idempotency_key text;
CREATE UNIQUE INDEX executions_idempotency_idx ON executions (owner, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX executions_owner_created_idx ON executions (owner, created_at DESC);

-- API keys: only a hash is kept; the key itself is shown once, at creation.
CREATE TABLE api_keys (
    id           text PRIMARY KEY,
    name         text        NOT NULL,
    owner        text        NOT NULL,
    prefix       text        NOT NULL,
    key_hash     text        NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE UNIQUE INDEX api_keys_active_name_idx ON api_keys (name) WHERE revoked_at IS NULL;
