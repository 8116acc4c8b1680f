-- Servers keep the API keys they have checked in memory and drop one when told it changed: a revoked (or deleted)
-- key is announced on the channel rgrid_api_keys with its hash, at commit, to every server listening. The touch of
-- last_used_at does not announce anything.
CREATE FUNCTION api_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('rgrid_api_keys', OLD.key_hash);
    RETURN NULL;
END
$$;

CREATE TRIGGER api_key_revoked AFTER UPDATE OF revoked_at, owner, key_hash ON api_keys
    FOR EACH ROW EXECUTE FUNCTION api_key_changed();
CREATE TRIGGER api_key_deleted AFTER DELETE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION api_key_changed();
