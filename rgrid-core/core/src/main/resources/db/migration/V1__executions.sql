-- Executions: what was asked, where it is, and how it ended. The lease columns (version,
-- heartbeat_at) guard every write from a runner: zero rows updated means ownership was lost.
CREATE TABLE executions (
    id               text PRIMARY KEY,
    script_name      text        NOT NULL,
    script           bytea       NOT NULL,
    args             jsonb       NOT NULL DEFAULT '[]',
    runtime          text        NOT NULL,
    image            text,
    env              jsonb       NOT NULL DEFAULT '{}',
    memory_mb        bigint      NOT NULL,
    cpus             double precision NOT NULL,
    timeout_ms       bigint      NOT NULL,
    pids_limit       integer     NOT NULL,
    metadata         jsonb       NOT NULL DEFAULT '{}',
    network          boolean     NOT NULL DEFAULT false,
    status           text        NOT NULL,
    reason           text,
    exit_code        integer,
    created_at       timestamptz NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz,
    node             text,
    isolation        text,
    attempt          integer     NOT NULL DEFAULT 0,
    version          bigint      NOT NULL DEFAULT 0,
    heartbeat_at     timestamptz NOT NULL,
    cancel_requested boolean     NOT NULL DEFAULT false,
    CONSTRAINT executions_status_known CHECK (status IN
        ('queued', 'dispatched', 'running', 'succeeded', 'failed', 'timed_out', 'oom_killed', 'cancelled', 'worker_lost'))
);

CREATE INDEX executions_created_idx ON executions (created_at DESC);
CREATE INDEX executions_queue_idx ON executions (created_at) WHERE status = 'queued';
CREATE INDEX executions_heartbeat_idx ON executions (heartbeat_at) WHERE status IN ('queued', 'dispatched', 'running');
CREATE INDEX executions_metadata_idx ON executions USING gin (metadata jsonb_path_ops);
