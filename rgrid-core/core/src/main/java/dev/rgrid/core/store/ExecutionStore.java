package dev.rgrid.core.store;

import dev.rgrid.core.model.Attempt;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.core.model.Outcome;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The system of record for executions and their logs. A runner owns an execution through a
 * {@link Lease}; every write it makes is guarded by the lease's version, so a presumed-dead
 * attempt can never overwrite a newer one.
 */
public interface ExecutionStore {
    /** The reason a lost attempt gives, whatever the cause: its node died, or stopped answering. */
    String WORKER_DIED = "worker died unexpectedly";

    /**
     * Records a new execution of {@code owner} as {@code queued} and returns it. With an idempotency key
     * the owner already used, records nothing and returns the execution that key created.
     */
    default Created create(ExecutionSpec spec, String owner, String idempotencyKey, Instant now) {
        return create(spec, owner, idempotencyKey, List.of(), now);
    }

    /**
     * As above, recording {@code inputs} with the new execution in the same transaction: no claimer can
     * see the execution queued without its input files.
     */
    Created create(ExecutionSpec spec, String owner, String idempotencyKey, List<dev.rgrid.core.model.ExecutionFile> inputs,
                   Instant now);

    /** A new execution of the embedded default's owner, without an idempotency key. */
    default Execution create(ExecutionSpec spec, Instant now) {
        return create(spec, Execution.LOCAL_OWNER, null, now).execution();
    }

    Optional<Execution> find(String id);

    /** The execution {@code owner} created with this idempotency key, if any. */
    Optional<Execution> findByIdempotencyKey(String owner, String idempotencyKey);

    /** How many executions there are in each status (every status present, 0 when none); for metrics. */
    Map<ExecutionStatus, Long> countByStatus();

    /** The execution, or {@link dev.rgrid.core.NotFoundException}. */
    Execution get(String id);

    byte[] script(String id);

    List<Execution> list(ExecutionQuery query);

    /** Claims one queued execution by id (queued → dispatched); empty when it is not queued any more. */
    Optional<Lease> claim(String id, Instant now);

    /** Claims up to {@code max} queued executions, oldest first, skipping rows other claimers hold. */
    List<Lease> claimQueued(int max, Instant now);

    /** dispatched → running on a node; false when the lease was lost. */
    boolean markRunning(Lease lease, String node, String isolation, String image, Instant now);

    /** How a start on a provisioned node went. */
    enum Start { STARTED, LEASE_LOST, NODE_RETIRING }

    /**
     * As {@link #markRunning}, on the Ray node {@code rayNodeId}: refused with {@link Start#NODE_RETIRING} when the
     * provisioned server that node is has begun retiring (draining) or is gone. Taken under that server's row lock, as
     * {@link ServerStore#drain} is, so a start and a drain never pass each other.
     */
    Start markRunningOn(Lease lease, String rayNodeId, String node, String isolation, String image, Instant now);

    /**
     * A dispatched execution that never started (its node was retiring) goes back to the queue without spending an
     * attempt, under a new version; false when the lease was no longer held.
     */
    boolean returnToQueue(Lease lease, Instant now);

    /** Renews the lease; says whether it is still held and whether a cancel was asked for. */
    HeartbeatResult heartbeat(Lease lease, Instant now);

    /** Like {@link #heartbeat} but only reads: is the lease held, and was a cancel asked for? */
    HeartbeatResult check(Lease lease);

    /**
     * Whether a container that ran under {@code leaseVersion} still belongs to its execution: that lease version
     * still holds it. A container of no lease (0: an install) belongs while its execution has not ended. An
     * execution this database does not know belongs to another RGrid on the same Docker engine: not ours to remove.
     */
    default boolean ownsContainer(String executionId, long leaseVersion) {
        Optional<Execution> execution = find(executionId);
        if (execution.isEmpty()) return true;
        if (execution.get().isFinal()) return false;
        return leaseVersion == 0 || check(new Lease(executionId, leaseVersion, 0)) != HeartbeatResult.LOST;
    }

    /** Those of {@code ids} that exist and have not ended; one query however many. */
    Set<String> unfinished(Collection<String> ids);

    /** Renews the heartbeat of executions still queued, so they are not taken for lost. */
    void touchQueued(Set<String> ids, Instant now);

    /**
     * Renews the heartbeat of dispatched executions whose task waits for a node with room: the dispatcher
     * holding them is alive, so they are not taken for lost. Each lease must still hold (same version, still
     * dispatched); once running, its runner heartbeats instead.
     */
    void touchDispatched(Collection<Lease> leases, Instant now);

    /** Records the final outcome; false when the lease was lost (a newer attempt owns the execution). */
    boolean finish(Lease lease, Outcome outcome, Instant now);

    /**
     * Asks for a cancel: a queued execution ends {@code cancelled} at once; a dispatched or running one
     * is flagged for its runner to stop. Returns the execution as it is after the request.
     */
    Execution requestCancel(String id, Instant now);

    /** Non-final executions whose heartbeat is at or before {@code cutoff}. */
    List<Execution> findStale(Instant cutoff);

    /** Non-final executions whose heartbeat is after {@code cutoff}: their owner is still alive. Oldest first. */
    List<Execution> findLive(Instant cutoff);

    /**
     * The attempt holding {@code lease} was lost (its Ray task failed: the node died): the execution goes back
     * to the queue while attempts remain, under a new version so the lost attempt's late writes are refused,
     * else ends {@code worker_lost}. Returns {@code queued} or {@code worker_lost}; null when the lease was no
     * longer held (the attempt had ended, or someone else moved it on).
     */
    ExecutionStatus loseAttempt(Lease lease, String cause, Instant now);

    /** As {@link #loseAttempt}, for a dispatched or running execution whose heartbeat is at or before {@code cutoff}. */
    ExecutionStatus loseStale(Execution execution, Instant cutoff, String cause, Instant now);

    /** The execution's attempts, first to last; empty before one starts. */
    List<Attempt> attempts(String id);

    /** Ends a stale execution as lost, if it is still stale at {@code cutoff}; false when someone moved it on. */
    boolean markLost(String id, Instant cutoff, Outcome outcome, Instant now);

    /**
     * Forgets an execution that has ended, with its logs and file records (not the objects: the caller
     * deletes those). Returns false when there is no such execution; {@link dev.rgrid.core.ConflictException}
     * ({@code execution_active}) when it has not ended.
     */
    boolean delete(String id);

    /**
     * Stores lines of the attempt holding {@code lease}; a lost lease stores nothing and returns false, so a
     * presumed-dead attempt cannot mix its output into the next attempt's.
     */
    boolean appendLogs(Lease lease, List<LogLine> lines);

    /** Adds to what the log limit dropped of the execution's output; false when the lease was lost. */
    boolean addDroppedLogs(Lease lease, long lines, long bytes);

    /** What the execution's stored output amounts to now: its last sequence number and the bytes its lines hold. */
    LogUsage logUsage(String executionId);

    /** Lines after {@code afterSeq}, in order, only the streams asked for, at most {@code limit}. */
    List<LogLine> logs(String executionId, long afterSeq, Set<LogStream> streams, int limit);
}
