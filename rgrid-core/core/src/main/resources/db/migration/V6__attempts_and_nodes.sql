-- Retries: an execution whose attempt is lost (its node died, its heartbeat went stale) runs again while
-- attempts remain. Each attempt is recorded with the node it ran on and how it ended.
ALTER TABLE executions ADD COLUMN max_attempts integer NOT NULL DEFAULT 3
    CONSTRAINT executions_max_attempts_range CHECK (max_attempts BETWEEN 1 AND 10);

CREATE TABLE execution_attempts (
    execution_id text        NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    attempt      integer     NOT NULL,
    node         text,
    started_at   timestamptz NOT NULL,
    ended_at     timestamptz,
    status       text        NOT NULL,
    reason       text,
    PRIMARY KEY (execution_id, attempt)
);

-- Worker nodes of a cluster: each registers itself and heartbeats; the reaper marks silent ones dead.
CREATE TABLE nodes (
    id            text        PRIMARY KEY,
    ray_node_id   text,
    host          text        NOT NULL,
    cpus          double precision NOT NULL,
    memory_mb     bigint      NOT NULL,
    slots         integer     NOT NULL,
    version       text        NOT NULL,
    state         text        NOT NULL CHECK (state IN ('alive', 'dead')),
    running       integer     NOT NULL DEFAULT 0,
    registered_at timestamptz NOT NULL,
    heartbeat_at  timestamptz NOT NULL,
    reason        text
);
