package dev.rgrid.core.store.internal;

import dev.rgrid.core.ConflictException;
import dev.rgrid.core.IllegalTransitionException;
import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.model.Attempt;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.store.Created;
import dev.rgrid.core.store.ExecutionStore;
import dev.rgrid.core.store.HeartbeatResult;
import dev.rgrid.core.store.Lease;
import dev.rgrid.core.store.LogUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** {@link ExecutionStore} on PostgreSQL through Jdbi. */
public final class JdbiExecutionStore implements ExecutionStore {
    private static final String CANCELLED_BEFORE_START = "Cancelled before it started";

    private static final ExecutionRowMapper ROWS = new ExecutionRowMapper();
    private static final String FIND = "SELECT " + ExecutionSql.COLUMNS + " FROM executions WHERE id = :id";

    private final Jdbi jdbi;
    private final ExecutionSql sql;

    public JdbiExecutionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.sql = jdbi.onDemand(ExecutionSql.class);
    }

    @Override
    public Created create(ExecutionSpec spec, String owner, String idempotencyKey, List<ExecutionFile> inputs,
                          Instant now) {
        // One statement alone is atomic as it is; a transaction (BEGIN, COMMIT: two more round trips, a sixth of a
        // submission's time on the server, profiled) is needed only to add the input rows with it.
        Optional<Execution> inserted = inputs.isEmpty()
                ? jdbi.withHandle(h -> insertWithInputs(h, spec, owner, idempotencyKey, inputs, now))
                : jdbi.inTransaction(h -> insertWithInputs(h, spec, owner, idempotencyKey, inputs, now));
        return inserted.map(e -> new Created(e, true))
                .orElseGet(() -> new Created(sql.findByIdempotencyKey(owner, idempotencyKey).orElseThrow(), false));
    }

    private static Optional<Execution> insertWithInputs(Handle h, ExecutionSpec spec, String owner, String idempotencyKey,
                                                        List<ExecutionFile> inputs, Instant now) {
        Optional<Execution> inserted = ExecutionInsert.insert(h, spec, owner, idempotencyKey, now);
        if (inserted.isPresent() && !inputs.isEmpty()) {
            h.attach(ExecutionFileSql.class).upsert(inserted.get().id(),
                    inputs.stream().map(f -> f.kind().label()).toList(), inputs);
        }
        return inserted;
    }

    @Override
    public Optional<Execution> find(String id) {
        // Fluent, like create: read on every status call and every poll of a waiting client.
        return jdbi.withHandle(h -> h.createQuery(FIND).bind("id", id).map(ROWS).findOne());
    }

    @Override
    public Optional<Execution> findByIdempotencyKey(String owner, String idempotencyKey) {
        return sql.findByIdempotencyKey(owner, idempotencyKey);
    }

    @Override
    public Map<ExecutionStatus, Long> countByStatus() {
        Map<ExecutionStatus, Long> counts = new EnumMap<>(ExecutionStatus.class);
        for (ExecutionStatus s : ExecutionStatus.values()) counts.put(s, 0L);
        jdbi.useHandle(handle -> handle.createQuery("SELECT status, count(*) AS n FROM executions GROUP BY status")
                .map((rs, ctx) -> Map.entry(ExecutionStatus.fromLabel(rs.getString("status")), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    @Override
    public Execution get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("execution", id));
    }

    @Override
    public byte[] script(String id) {
        return sql.script(id).orElseThrow(() -> new NotFoundException("execution", id));
    }

    @Override
    public List<Execution> list(ExecutionQuery query) {
        StringBuilder where = new StringBuilder(query.owner() == null ? "TRUE" : "owner = :owner");
        if (!query.statuses().isEmpty()) where.append(" AND status IN (<statuses>)");
        if (!query.metadata().isEmpty()) where.append(" AND metadata @> CAST(:metadata AS jsonb)");
        return jdbi.withHandle(handle -> {
            Query q = handle.createQuery("SELECT " + ExecutionSql.COLUMNS + " FROM executions WHERE " + where
                    + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset");
            if (!query.statuses().isEmpty()) {
                q.bindList("statuses", query.statuses().stream().map(ExecutionStatus::label).toList());
            }
            if (!query.metadata().isEmpty()) q.bind("metadata", Json.write(query.metadata()));
            if (query.owner() != null) q.bind("owner", query.owner());
            return q.bind("limit", query.limit()).bind("offset", query.offset())
                    .map(new ExecutionRowMapper()).list();
        });
    }

    @Override
    public Optional<Lease> claim(String id, Instant now) {
        return sql.claim(id, now);
    }

    @Override
    public List<Lease> claimQueued(int max, Instant now) {
        return sql.claimQueued(max, now);
    }

    @Override
    public boolean markRunning(Lease lease, String node, String isolation, String image, Instant now) {
        return sql.markRunning(lease.executionId(), lease.version(), node, isolation, image, now) == 1;
    }

    @Override
    public Start markRunningOn(Lease lease, String rayNodeId, String node, String isolation, String image, Instant now) {
        return jdbi.inTransaction(h -> {
            // The server's row lock orders this start and a drain of its node (JdbiServerStore.drain): whichever comes
            // second sees what the first committed. A node no autoscaler provisioned has no row and is never retiring.
            Optional<String> state = h.createQuery("SELECT state FROM provider_servers WHERE ray_node_id = :ray "
                    + "ORDER BY requested_at DESC LIMIT 1 FOR SHARE").bind("ray", rayNodeId).mapTo(String.class).findOne();
            if (state.isPresent() && !state.get().equals("ready") && !state.get().equals("booting")) {
                return Start.NODE_RETIRING;
            }
            return h.attach(ExecutionSql.class).markRunning(lease.executionId(), lease.version(), node, isolation, image,
                    now) == 1 ? Start.STARTED : Start.LEASE_LOST;
        });
    }

    @Override
    public boolean returnToQueue(Lease lease, Instant now) {
        return sql.returnToQueue(lease.executionId(), lease.version(), now) == 1;
    }

    @Override
    public HeartbeatResult heartbeat(Lease lease, Instant now) {
        return sql.heartbeat(lease.executionId(), lease.version(), now)
                .map(cancel -> cancel ? HeartbeatResult.CANCEL_REQUESTED : HeartbeatResult.HELD)
                .orElse(HeartbeatResult.LOST);
    }

    @Override
    public HeartbeatResult check(Lease lease) {
        return sql.check(lease.executionId(), lease.version())
                .map(cancel -> cancel ? HeartbeatResult.CANCEL_REQUESTED : HeartbeatResult.HELD)
                .orElse(HeartbeatResult.LOST);
    }

    @Override
    public void touchQueued(Set<String> ids, Instant now) {
        if (!ids.isEmpty()) sql.touchQueued(List.copyOf(ids), now);
    }

    @Override
    public Set<String> unfinished(Collection<String> ids) {
        if (ids.isEmpty()) return Set.of();
        return Set.copyOf(sql.unfinished(List.copyOf(ids)));
    }

    @Override
    public void touchDispatched(Collection<Lease> leases, Instant now) {
        if (leases.isEmpty()) return;
        jdbi.useHandle(h -> {
            PreparedBatch batch = h.prepareBatch("UPDATE executions SET heartbeat_at = :now "
                    + "WHERE id = :id AND version = :version AND status = 'dispatched'");
            for (Lease lease : leases) batch.bind("id", lease.executionId()).bind("version", lease.version()).bind("now", now).add();
            batch.execute();
        });
    }

    @Override
    public boolean finish(Lease lease, Outcome outcome, Instant now) {
        List<String> from = predecessors(outcome.status());
        int updated = sql.finish(lease.executionId(), lease.version(), outcome.status().label(), outcome.reason(),
                outcome.exitCode(), now, from);
        if (updated == 1) return true;
        // Another version means the lease was lost (the reaper or a failed task moved the execution on): not a bug,
        // the result is dropped. The same version in a status that cannot move there is one.
        Optional<ExecutionStatus> current = sql.statusAtVersion(lease.executionId(), lease.version())
                .map(ExecutionStatus::fromLabel);
        if (current.isPresent() && !current.get().isFinal() && !current.get().canMoveTo(outcome.status())) {
            throw new IllegalTransitionException(lease.executionId(), current.get(), outcome.status());
        }
        return false;
    }

    @Override
    public Execution requestCancel(String id, Instant now) {
        Execution current = get(id);
        if (current.status() == ExecutionStatus.QUEUED
                && sql.cancelQueued(id, current.attempt(), cancelledWhileQueued(current), now) == 1) {
            return get(id);
        }
        sql.flagCancel(id);
        return get(id);
    }

    /** True to what happened: a run whose earlier attempt was lost had started, and its retry was waiting. */
    private static String cancelledWhileQueued(Execution queued) {
        if (queued.attempt() == 0) return CANCELLED_BEFORE_START;
        return "Cancelled while queued for attempt " + (queued.attempt() + 1)
                + (queued.reason() == null ? "" : " (" + queued.reason() + ")");
    }

    @Override
    public boolean delete(String id) {
        if (sql.deleteEnded(id) == 1) return true;
        Optional<Execution> current = find(id);
        if (current.isEmpty()) return false;
        throw new ConflictException("execution_active", "The execution has not ended, so it cannot be deleted",
                id + " is " + current.get().status().label(), "Cancel it first (rgrid cancel " + id + "), then delete it");
    }

    @Override
    public List<Execution> findStale(Instant cutoff) {
        return sql.findStale(cutoff);
    }

    @Override
    public List<Execution> findLive(Instant cutoff) {
        return sql.findLive(cutoff);
    }

    @Override
    public ExecutionStatus loseAttempt(Lease lease, String cause, Instant now) {
        Optional<Execution> current = find(lease.executionId());
        if (current.isEmpty() || current.get().attempt() != lease.attempt()) return null;
        return lose(current.get(), lease.version(), null, cause, now);
    }

    @Override
    public ExecutionStatus loseStale(Execution execution, Instant cutoff, String cause, Instant now) {
        return lose(execution, null, cutoff, cause, now);
    }

    private ExecutionStatus lose(Execution e, Long version, Instant cutoff, String cause, Instant now) {
        String attemptReason = WORKER_DIED + (e.node() == null ? "" : " on " + e.node()) + " (" + cause + ")";
        boolean retry = e.attempt() < e.maxAttempts();
        ExecutionStatus next = retry ? ExecutionStatus.QUEUED : ExecutionStatus.WORKER_LOST;
        String reason = retry
                ? "Retrying: attempt " + e.attempt() + " of " + e.maxAttempts() + " was lost: " + attemptReason
                : attemptReason + "; no attempts left (" + e.attempt() + " of " + e.maxAttempts() + ")";
        int updated = sql.loseAttempt(e.id(), e.attempt(), version, cutoff, next.label(), reason, attemptReason, now);
        return updated == 1 ? next : null;
    }

    @Override
    public List<Attempt> attempts(String id) {
        return sql.attempts(id);
    }

    @Override
    public boolean markLost(String id, Instant cutoff, Outcome outcome, Instant now) {
        return sql.markLost(id, cutoff, outcome.status().label(), outcome.reason(), outcome.exitCode(), now) == 1;
    }

    @Override
    public boolean appendLogs(Lease lease, List<LogLine> lines) {
        if (lines.isEmpty()) return true;
        return jdbi.withHandle(handle -> {
            PreparedBatch batch = handle.prepareBatch(ExecutionSql.APPEND_LOGS);
            for (LogLine line : lines) {
                batch.bind("id", lease.executionId()).bind("version", lease.version()).bind("seq", line.seq())
                        .bind("stream", line.stream().label()).bind("ts", line.time()).bind("line", line.text()).add();
            }
            int stored = Arrays.stream(batch.execute()).sum();
            // Zero rows is a lost lease, or lines a retry of this same batch already stored: tell them apart.
            return stored > 0 || sql.statusAtVersion(lease.executionId(), lease.version()).isPresent();
        });
    }

    @Override
    public boolean addDroppedLogs(Lease lease, long lines, long bytes) {
        return sql.addDroppedLogs(lease.executionId(), lease.version(), lines, bytes) == 1;
    }

    @Override
    public LogUsage logUsage(String executionId) {
        return sql.logUsage(executionId);
    }

    @Override
    public List<LogLine> logs(String executionId, long afterSeq, Set<LogStream> streams, int limit) {
        if (streams.isEmpty()) return List.of();
        return jdbi.withHandle(handle -> handle.createQuery("SELECT seq, stream, ts, line FROM execution_logs "
                        + "WHERE execution_id = :id AND seq > :after AND stream IN (<streams>) ORDER BY seq LIMIT :limit")
                .bind("id", executionId).bind("after", afterSeq).bind("limit", limit)
                .bindList("streams", streams.stream().map(LogStream::label).toList())
                .map((rs, ctx) -> new LogLine(rs.getLong("seq"),
                        LogStream.valueOf(rs.getString("stream").toUpperCase(Locale.ROOT)),
                        rs.getTimestamp("ts").toInstant(), rs.getString("line")))
                .list());
    }

    /** The statuses from which the state machine allows a move to {@code to}. */
    private static List<String> predecessors(ExecutionStatus to) {
        List<String> from = new ArrayList<>();
        for (ExecutionStatus s : ExecutionStatus.values()) if (s.canMoveTo(to)) from.add(s.label());
        return from;
    }
}
