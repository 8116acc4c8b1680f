-- Output lines, stored as they are captured; seq orders them within an execution.
CREATE TABLE execution_logs (
    execution_id text        NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    seq          bigint      NOT NULL,
    stream       text        NOT NULL CHECK (stream IN ('stdout', 'stderr', 'system')),
    ts           timestamptz NOT NULL,
    line         text        NOT NULL,
    PRIMARY KEY (execution_id, seq)
);
