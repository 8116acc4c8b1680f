-- What the log limit (RGRID_MAX_LOG_BYTES) dropped from the middle of a run's output, over all its attempts.
ALTER TABLE executions
    ADD COLUMN logs_dropped_lines bigint NOT NULL DEFAULT 0,
    ADD COLUMN logs_dropped_bytes bigint NOT NULL DEFAULT 0;
