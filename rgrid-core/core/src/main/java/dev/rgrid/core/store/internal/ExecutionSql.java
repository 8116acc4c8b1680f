package dev.rgrid.core.store.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/** The fixed statements on {@code executions}; the dynamic list filter lives in {@link JdbiExecutionStore}. */
public interface ExecutionSql {
    String COLUMNS = "id, script_name, args::text AS args, runtime, image, env::text AS env, memory_mb, cpus, "
            + "timeout_ms, pids_limit, metadata::text AS metadata, network, status, reason, exit_code, created_at, "
            + "started_at, finished_at, node, isolation, attempt, owner, requirements, max_attempts, "
            + "logs_dropped_lines, logs_dropped_bytes";

    @SqlQuery("SELECT " + COLUMNS + " FROM executions WHERE owner = :owner AND idempotency_key = :key")
    @UseRowMapper(ExecutionRowMapper.class)
    Optional<dev.rgrid.core.model.Execution> findByIdempotencyKey(@Bind("owner") String owner, @Bind("key") String key);

    @SqlQuery("SELECT script FROM executions WHERE id = :id")
    Optional<byte[]> script(@Bind("id") String id);

    /**
     * Claims one execution, waiting for a transaction that holds its row (the queued heartbeat touches it):
     * SKIP LOCKED here left a run just submitted queued for good when that touch held it at that moment. A
     * rival claimer that won is seen once the wait ends: the row is no longer queued.
     */
    @SqlQuery("UPDATE executions SET status = 'dispatched', version = version + 1, attempt = attempt + 1, "
            + "heartbeat_at = :now, cancel_requested = false WHERE id IN (SELECT id FROM executions "
            + "WHERE status = 'queued' AND id = :id FOR UPDATE) RETURNING id, version, attempt")
    @UseRowMapper(LeaseRowMapper.class)
    Optional<dev.rgrid.core.store.Lease> claim(@Bind("id") String id, @Bind("now") Instant now);

    @SqlQuery("UPDATE executions SET status = 'dispatched', version = version + 1, attempt = attempt + 1, "
            + "heartbeat_at = :now, cancel_requested = false WHERE id IN (SELECT id FROM executions "
            + "WHERE status = 'queued' ORDER BY created_at LIMIT :max FOR UPDATE SKIP LOCKED) "
            + "RETURNING id, version, attempt")
    @UseRowMapper(LeaseRowMapper.class)
    List<dev.rgrid.core.store.Lease> claimQueued(@Bind("max") int max, @Bind("now") Instant now);

    /** dispatched → running, and the attempt recorded with its node; 0 rows when the lease was lost. */
    @SqlUpdate("WITH run AS (UPDATE executions SET status = 'running', node = :node, isolation = :isolation, image = :image, "
            + "started_at = :now, heartbeat_at = :now WHERE id = :id AND version = :version AND status = 'dispatched' "
            + "RETURNING id, attempt) "
            + "INSERT INTO execution_attempts (execution_id, attempt, node, started_at, status) "
            + "SELECT id, attempt, :node, :now, 'running' FROM run ON CONFLICT (execution_id, attempt) DO UPDATE "
            + "SET node = EXCLUDED.node, started_at = EXCLUDED.started_at, status = 'running', ended_at = NULL, reason = NULL")
    int markRunning(@Bind("id") String id, @Bind("version") long version, @Bind("node") String node,
                    @Bind("isolation") String isolation, @Bind("image") String image, @Bind("now") Instant now);

    /** dispatched (never started) → queued, giving back the attempt the claim counted. */
    @SqlUpdate("UPDATE executions SET status = 'queued', version = version + 1, attempt = attempt - 1, node = NULL, "
            + "heartbeat_at = :now WHERE id = :id AND version = :version AND status = 'dispatched'")
    int returnToQueue(@Bind("id") String id, @Bind("version") long version, @Bind("now") Instant now);

    @SqlQuery("UPDATE executions SET heartbeat_at = :now WHERE id = :id AND version = :version "
            + "AND status IN ('dispatched', 'running') RETURNING cancel_requested")
    Optional<Boolean> heartbeat(@Bind("id") String id, @Bind("version") long version, @Bind("now") Instant now);

    @SqlQuery("SELECT cancel_requested FROM executions WHERE id = :id AND version = :version "
            + "AND status IN ('dispatched', 'running')")
    Optional<Boolean> check(@Bind("id") String id, @Bind("version") long version);

    @SqlQuery("SELECT id FROM executions WHERE id IN (<ids>) AND status IN ('queued', 'dispatched', 'running')")
    List<String> unfinished(@BindList("ids") List<String> ids);

    @SqlUpdate("UPDATE executions SET heartbeat_at = :now WHERE id IN (<ids>) AND status = 'queued'")
    void touchQueued(@BindList("ids") List<String> ids, @Bind("now") Instant now);

    /** The final status, on the execution and on its attempt; 0 rows when the lease was lost. */
    @SqlUpdate("WITH done AS (UPDATE executions SET status = :status, reason = :reason, exit_code = :exitCode, "
            + "finished_at = :now, heartbeat_at = :now WHERE id = :id AND version = :version AND status IN (<from>) "
            + "RETURNING id, attempt, node) "
            + ATTEMPT_ENDS_FROM + "done" + ATTEMPT_ENDS_CONFLICT)
    int finish(@Bind("id") String id, @Bind("version") long version, @Bind("status") String status,
               @Bind("reason") String reason, @Bind("exitCode") Integer exitCode, @Bind("now") Instant now,
               @BindList("from") List<String> from);

    /** Ends the attempt of each row of the CTE named after it as {@code :status} with {@code :reason}. */
    String ATTEMPT_ENDS_FROM = "INSERT INTO execution_attempts (execution_id, attempt, node, started_at, ended_at, status, reason) "
            + "SELECT id, attempt, node, :now, :now, :status, :reason FROM ";
    String ATTEMPT_ENDS_CONFLICT = " ON CONFLICT (execution_id, attempt) DO UPDATE SET ended_at = EXCLUDED.ended_at, "
            + "status = EXCLUDED.status, reason = EXCLUDED.reason";

    /**
     * A lost attempt: the execution goes back to the queue ({@code :next} = queued, a new version so the lost
     * attempt's late writes are refused) or ends worker_lost; guarded by the attempt number and either the
     * lease's version or a stale heartbeat. The attempt itself ends worker_lost with {@code :attemptReason}.
     */
    @SqlUpdate("WITH lost AS (UPDATE executions SET status = :next, reason = :reason, version = version + 1, "
            + "heartbeat_at = :now, cancel_requested = false, "
            + "finished_at = CASE WHEN :next = 'queued' THEN NULL ELSE CAST(:now AS timestamptz) END "
            + "WHERE id = :id AND attempt = :attempt AND status IN ('dispatched', 'running') "
            + "AND (CAST(:version AS bigint) IS NULL OR version = :version) "
            + "AND (CAST(:cutoff AS timestamptz) IS NULL OR heartbeat_at <= :cutoff) RETURNING id, attempt, node) "
            + "INSERT INTO execution_attempts (execution_id, attempt, node, started_at, ended_at, status, reason) "
            + "SELECT id, attempt, node, :now, :now, 'worker_lost', :attemptReason FROM lost"
            + " ON CONFLICT (execution_id, attempt) DO UPDATE SET ended_at = EXCLUDED.ended_at, "
            + "status = EXCLUDED.status, reason = EXCLUDED.reason")
    int loseAttempt(@Bind("id") String id, @Bind("attempt") int attempt, @Bind("version") Long version,
                    @Bind("cutoff") Instant cutoff, @Bind("next") String next, @Bind("reason") String reason,
                    @Bind("attemptReason") String attemptReason, @Bind("now") Instant now);

    @SqlQuery("SELECT attempt, node, started_at, ended_at, status, reason FROM execution_attempts "
            + "WHERE execution_id = :id ORDER BY attempt")
    @UseRowMapper(AttemptRowMapper.class)
    List<dev.rgrid.core.model.Attempt> attempts(@Bind("id") String id);

    /** A queued execution ends cancelled, if it is still queued at {@code attempt} (not claimed meanwhile). */
    @SqlUpdate("UPDATE executions SET status = 'cancelled', reason = :reason, finished_at = :now "
            + "WHERE id = :id AND status = 'queued' AND attempt = :attempt")
    int cancelQueued(@Bind("id") String id, @Bind("attempt") int attempt, @Bind("reason") String reason,
                     @Bind("now") Instant now);

    /** Deletes the row (its logs and file records go with it, ON DELETE CASCADE) when it has ended. */
    @SqlUpdate("DELETE FROM executions WHERE id = :id AND status NOT IN ('queued', 'dispatched', 'running')")
    int deleteEnded(@Bind("id") String id);

    @SqlUpdate("UPDATE executions SET cancel_requested = true WHERE id = :id AND status IN ('dispatched', 'running')")
    int flagCancel(@Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM executions WHERE status IN ('queued', 'dispatched', 'running') "
            + "AND heartbeat_at <= :cutoff ORDER BY heartbeat_at")
    @UseRowMapper(ExecutionRowMapper.class)
    List<dev.rgrid.core.model.Execution> findStale(@Bind("cutoff") Instant cutoff);

    @SqlQuery("SELECT " + COLUMNS + " FROM executions WHERE status IN ('queued', 'dispatched', 'running') "
            + "AND heartbeat_at > :cutoff ORDER BY created_at")
    @UseRowMapper(ExecutionRowMapper.class)
    List<dev.rgrid.core.model.Execution> findLive(@Bind("cutoff") Instant cutoff);

    @SqlUpdate("UPDATE executions SET status = :status, reason = :reason, exit_code = :exitCode, finished_at = :now, "
            + "version = version + 1 WHERE id = :id AND status IN ('queued', 'dispatched', 'running') "
            + "AND heartbeat_at <= :cutoff")
    int markLost(@Bind("id") String id, @Bind("cutoff") Instant cutoff, @Bind("status") String status,
                 @Bind("reason") String reason, @Bind("exitCode") Integer exitCode, @Bind("now") Instant now);

    @SqlQuery("SELECT COALESCE(MAX(seq), 0) AS last_seq, COALESCE(SUM(octet_length(line) + 1) "
            + "FILTER (WHERE stream <> 'system'), 0) AS bytes FROM execution_logs WHERE execution_id = :id")
    @UseRowMapper(LogUsageRowMapper.class)
    dev.rgrid.core.store.LogUsage logUsage(@Bind("id") String id);

    @SqlUpdate("UPDATE executions SET logs_dropped_lines = logs_dropped_lines + :lines, "
            + "logs_dropped_bytes = logs_dropped_bytes + :bytes WHERE id = :id AND version = :version")
    int addDroppedLogs(@Bind("id") String id, @Bind("version") long version, @Bind("lines") long lines,
                       @Bind("bytes") long bytes);

    /** The status and lease version now, to tell a lost lease from a move the state machine forbids. */
    @SqlQuery("SELECT status FROM executions WHERE id = :id AND version = :version")
    Optional<String> statusAtVersion(@Bind("id") String id, @Bind("version") long version);

    /** Lines stored only while the lease's version still holds the execution: one check per batch. */
    String APPEND_LOGS = "INSERT INTO execution_logs (execution_id, seq, stream, ts, line) "
            + "SELECT :id, :seq, :stream, :ts, :line WHERE EXISTS "
            + "(SELECT 1 FROM executions WHERE id = :id AND version = :version) ON CONFLICT DO NOTHING";
}
