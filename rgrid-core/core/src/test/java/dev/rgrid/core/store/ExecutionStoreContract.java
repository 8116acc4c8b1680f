package dev.rgrid.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.ConflictException;
import dev.rgrid.core.IllegalTransitionException;
import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.model.Attempt;
import dev.rgrid.core.model.DroppedLogs;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ExecutionStore} must do; one subclass per database it runs on. */
public abstract class ExecutionStoreContract {
    protected Database database;
    protected ExecutionStore store;
    protected final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

    protected abstract Database freshDatabase();

    @BeforeEach
    void migrate() {
        database = freshDatabase();
        database.migrate();
        store = database.executions();
    }

    @AfterEach
    void close() {
        if (database != null) database.close();
    }

    protected ExecutionSpec spec(String script) {
        return ExecutionSpec.builder("job.py", script.getBytes(StandardCharsets.UTF_8))
                .args(List.of("a", "b c"))
                .env("GREETING", "hi")
                .metadata("team", "ml")
                .limits(Limits.DEFAULTS.withMemoryMb(256).withTimeout(Duration.ofSeconds(30)))
                .build();
    }

    @Test
    void created_execution_is_queued_with_everything_that_was_asked() {
        Execution e = store.create(spec("print(1)"), clock.instant());
        Execution read = store.get(e.id());
        assertEquals(ExecutionStatus.QUEUED, read.status());
        assertEquals(List.of("a", "b c"), read.args());
        assertEquals(Map.of("GREETING", "hi"), read.env());
        assertEquals(Map.of("team", "ml"), read.metadata());
        assertEquals(256, read.limits().memoryMb());
        assertEquals(Duration.ofSeconds(30), read.limits().timeout());
        assertEquals("python3.11", read.runtime());
        assertEquals(clock.instant(), read.createdAt());
        assertArrayEquals("print(1)".getBytes(StandardCharsets.UTF_8), store.script(e.id()));
    }

    @Test
    void unknown_id_is_not_found() {
        assertThrows(NotFoundException.class, () -> store.get("exec_nope"));
        assertTrue(store.find("exec_nope").isEmpty());
    }

    @Test
    void a_claimed_execution_runs_and_ends_with_one_outcome() {
        Execution e = store.create(spec("x"), clock.instant());
        Lease lease = store.claim(e.id(), clock.instant()).orElseThrow();
        assertEquals(1, lease.attempt());
        assertTrue(store.claim(e.id(), clock.instant()).isEmpty(), "a dispatched execution cannot be claimed again");
        assertTrue(store.markRunning(lease, "node-1", "container", "rgrid/python3.11:latest", clock.instant()));
        assertTrue(store.finish(lease, Outcome.exited(3), clock.instant()));
        Execution done = store.get(e.id());
        assertEquals(ExecutionStatus.FAILED, done.status());
        assertEquals(3, done.exitCode());
        assertEquals("Exited with code 3", done.reason());
        assertEquals("node-1", done.node());
        assertFalse(store.finish(lease, Outcome.exited(0), clock.instant()), "a second final write is refused");
        assertEquals(ExecutionStatus.FAILED, store.get(e.id()).status());
    }

    @Test
    void claim_queued_takes_oldest_first_and_never_twice_under_concurrency() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(store.create(spec("x"), clock.instant()).id());
            clock.advance(Duration.ofMillis(1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<List<Lease>>> claimers = new ArrayList<>();
        for (int i = 0; i < 4; i++) claimers.add(() -> store.claimQueued(7, clock.instant()));
        Set<String> claimed = new java.util.HashSet<>();
        int total = 0;
        for (Future<List<Lease>> f : pool.invokeAll(claimers)) {
            for (Lease l : f.get()) {
                claimed.add(l.executionId());
                total++;
            }
        }
        pool.shutdown();
        assertEquals(20, total, "every queued execution claimed once");
        assertEquals(Set.copyOf(ids), claimed);
    }

    @Test
    void a_stale_lease_cannot_write_after_the_execution_moved_on() {
        Execution e = store.create(spec("x"), clock.instant());
        Lease lease = store.claim(e.id(), clock.instant()).orElseThrow();
        store.markRunning(lease, "node-1", "container", "img", clock.instant());
        clock.advance(Duration.ofMinutes(5));
        assertTrue(store.markLost(e.id(), clock.instant().minusSeconds(30),
                new Outcome(ExecutionStatus.WORKER_LOST, "worker died unexpectedly", null), clock.instant()));
        assertEquals(HeartbeatResult.LOST, store.heartbeat(lease, clock.instant()));
        assertFalse(store.finish(lease, Outcome.exited(0), clock.instant()));
        assertEquals(ExecutionStatus.WORKER_LOST, store.get(e.id()).status());
    }

    @Test
    void live_executions_are_the_unfinished_ones_heartbeating_after_the_cutoff_and_stale_ones_the_rest() {
        Execution silent = store.create(spec("x"), clock.instant());
        clock.advance(Duration.ofMinutes(5));
        Execution queued = store.create(spec("x"), clock.instant());
        clock.advance(Duration.ofSeconds(1));
        Execution running = store.create(spec("x"), clock.instant());
        Lease lease = store.claim(running.id(), clock.instant()).orElseThrow();
        store.markRunning(lease, "n", "container", "img", clock.instant());
        Execution ended = store.create(spec("x"), clock.instant());
        store.requestCancel(ended.id(), clock.instant());
        Instant cutoff = clock.instant().minusSeconds(30);

        assertEquals(List.of(queued.id(), running.id()), store.findLive(cutoff).stream().map(Execution::id).toList());
        assertEquals(List.of(silent.id()), store.findStale(cutoff).stream().map(Execution::id).toList());
    }

    @Test
    void claiming_one_execution_waits_for_a_transaction_holding_its_row_instead_of_missing_it() throws Exception {
        Execution e = store.create(spec("x"), clock.instant());
        java.util.concurrent.CompletableFuture<Optional<Lease>> claimed;
        try (java.sql.Connection holder = database.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (java.sql.PreparedStatement lock = holder.prepareStatement("SELECT id FROM executions WHERE id = ? FOR UPDATE")) {
                lock.setString(1, e.id());
                lock.executeQuery().close();
            }
            claimed = java.util.concurrent.CompletableFuture.supplyAsync(() -> store.claim(e.id(), clock.instant()));
            // The claim must still be waiting on the row, not have given up on it.
            assertThrows(java.util.concurrent.TimeoutException.class, () -> claimed.get(300, java.util.concurrent.TimeUnit.MILLISECONDS));
            holder.commit();
        }
        assertTrue(claimed.get(10, java.util.concurrent.TimeUnit.SECONDS).isPresent(), "claimed once the holder let go");
        assertEquals(ExecutionStatus.DISPATCHED, store.get(e.id()).status());
    }

    @Test
    void a_container_belongs_to_its_execution_while_the_lease_it_ran_under_holds_it() {
        Execution e = store.create(spec("x"), clock.instant());
        Lease first = store.claim(e.id(), clock.instant()).orElseThrow();
        store.markRunning(first, "n", "container", "img", clock.instant());

        assertTrue(store.ownsContainer(e.id(), first.version()), "the running attempt's container");
        assertTrue(store.ownsContainer(e.id(), 0), "an install's container, while the execution has not ended");
        assertTrue(store.ownsContainer("exec_of_another_rgrid", 7), "not ours to remove");

        store.loseAttempt(first, "its node died", clock.instant());
        assertFalse(store.ownsContainer(e.id(), first.version()), "the lost attempt's container is an orphan");
        assertTrue(store.ownsContainer(e.id(), 0), "requeued, the execution has not ended");

        Lease second = store.claim(e.id(), clock.instant()).orElseThrow();
        store.markRunning(second, "n", "container", "img", clock.instant());
        store.finish(second, Outcome.exited(0), clock.instant());
        assertFalse(store.ownsContainer(e.id(), second.version()), "an ended execution owns no container");
        assertFalse(store.ownsContainer(e.id(), 0));
    }

    @Test
    void an_illegal_transition_throws() {
        Execution e = store.create(spec("x"), clock.instant());
        Lease lease = store.claim(e.id(), clock.instant()).orElseThrow();
        // dispatched -> timed_out is not in the table: only a running execution can time out.
        assertThrows(IllegalTransitionException.class, () -> store.finish(lease,
                new Outcome(ExecutionStatus.TIMED_OUT, "Timeout after 1 s", null), clock.instant()));
    }

    @Test
    void cancel_ends_a_queued_execution_at_once_and_flags_a_running_one() {
        Execution queued = store.create(spec("x"), clock.instant());
        Execution after = store.requestCancel(queued.id(), clock.instant());
        assertEquals(ExecutionStatus.CANCELLED, after.status());
        assertEquals("Cancelled before it started", after.reason());

        Execution running = store.create(spec("x"), clock.instant());
        Lease lease = store.claim(running.id(), clock.instant()).orElseThrow();
        store.markRunning(lease, "n", "container", "img", clock.instant());
        assertEquals(HeartbeatResult.HELD, store.check(lease));
        store.requestCancel(running.id(), clock.instant());
        assertEquals(HeartbeatResult.CANCEL_REQUESTED, store.check(lease));
        assertEquals(HeartbeatResult.CANCEL_REQUESTED, store.heartbeat(lease, clock.instant()));
        assertEquals(ExecutionStatus.RUNNING, store.get(running.id()).status(), "the runner ends it, not the request");
    }

    @Test
    void list_filters_by_status_and_metadata_newest_first() {
        Execution a = store.create(spec("x"), clock.instant());
        clock.advance(Duration.ofSeconds(1));
        Execution b = store.create(ExecutionSpec.builder("b.py", new byte[0]).metadata("team", "web").build(), clock.instant());
        clock.advance(Duration.ofSeconds(1));
        Execution c = store.create(spec("x"), clock.instant());
        store.requestCancel(c.id(), clock.instant());

        List<Execution> all = store.list(ExecutionQuery.recent());
        assertEquals(List.of(c.id(), b.id(), a.id()), all.stream().map(Execution::id).toList());
        List<Execution> ml = store.list(new ExecutionQuery(Set.of(), Map.of("team", "ml"), 50, 0));
        assertEquals(List.of(c.id(), a.id()), ml.stream().map(Execution::id).toList());
        List<Execution> cancelled = store.list(new ExecutionQuery(Set.of(ExecutionStatus.CANCELLED), Map.of(), 50, 0));
        assertEquals(List.of(c.id()), cancelled.stream().map(Execution::id).toList());
        assertEquals(List.of(b.id()), store.list(new ExecutionQuery(Set.of(), Map.of(), 1, 1)).stream().map(Execution::id).toList());
    }

    @Test
    void logs_come_back_in_order_by_stream_and_after_a_sequence() {
        Execution e = store.create(spec("x"), clock.instant());
        Lease lease = store.claim(e.id(), clock.instant()).orElseThrow();
        Instant t = clock.instant();
        assertTrue(store.appendLogs(lease, List.of(new LogLine(1, LogStream.STDOUT, t, "out 1"),
                new LogLine(2, LogStream.STDERR, t, "err 1"), new LogLine(3, LogStream.STDOUT, t, "out 2"),
                new LogLine(4, LogStream.SYSTEM, t, "Container killed"))));
        assertEquals(new LogUsage(4, 6 + 6 + 6), store.logUsage(e.id()), "the script's lines with their newlines; "
                + "RGrid's own lines do not count against the log limit");
        assertEquals(List.of("out 1", "err 1", "out 2", "Container killed"),
                store.logs(e.id(), 0, EnumSet.allOf(LogStream.class), 100).stream().map(LogLine::text).toList());
        assertEquals(List.of("err 1"),
                store.logs(e.id(), 0, EnumSet.of(LogStream.STDERR), 100).stream().map(LogLine::text).toList());
        assertEquals(List.of("out 2", "Container killed"),
                store.logs(e.id(), 2, EnumSet.allOf(LogStream.class), 100).stream().map(LogLine::text).toList());
        assertTrue(store.appendLogs(lease, List.of(new LogLine(4, LogStream.STDOUT, t, "duplicate"))),
                "a batch stored twice (a retried write) is not taken for a lost lease");
        assertEquals("Container killed", store.logs(e.id(), 3, EnumSet.allOf(LogStream.class), 1).get(0).text(),
                "a line written twice keeps its first text");
    }

    @Test
    void a_lost_attempt_can_no_longer_store_logs_or_dropped_counts() {
        Execution e = store.create(spec("x"), clock.instant());
        Lease lease = store.claim(e.id(), clock.instant()).orElseThrow();
        assertTrue(store.markRunning(lease, "node-a", Execution.ISOLATION_CONTAINER, "img", clock.instant()));
        assertTrue(store.addDroppedLogs(lease, 10, 1000));
        assertEquals(ExecutionStatus.QUEUED, store.loseAttempt(lease, "node died", clock.instant()));

        assertFalse(store.appendLogs(lease, List.of(new LogLine(1, LogStream.STDOUT, clock.instant(), "late"))));
        assertFalse(store.addDroppedLogs(lease, 5, 500));
        assertTrue(store.logs(e.id(), 0, EnumSet.allOf(LogStream.class), 10).isEmpty(), "the late line was refused");
        assertEquals(new DroppedLogs(10, 1000), store.get(e.id()).droppedLogs());
    }

    @Test
    void a_result_after_the_lease_was_lost_is_dropped_not_taken_for_an_illegal_move() {
        Execution e = store.create(spec("x"), clock.instant());
        Lease lease = store.claim(e.id(), clock.instant()).orElseThrow();
        assertTrue(store.markRunning(lease, "node-a", Execution.ISOLATION_CONTAINER, "img", clock.instant()));
        store.loseAttempt(lease, "no heartbeat for 30 s", clock.instant());

        assertFalse(store.finish(lease, Outcome.exited(0), clock.instant()), "queued under a new version: the lease was lost");
        assertEquals(ExecutionStatus.QUEUED, store.get(e.id()).status());
    }

    @Test
    void cancelling_a_run_waiting_for_its_retry_says_so_not_that_it_never_started() {
        Execution e = store.create(spec("x"), clock.instant());
        Lease lease = store.claim(e.id(), clock.instant()).orElseThrow();
        store.markRunning(lease, "node-a", Execution.ISOLATION_CONTAINER, "img", clock.instant());
        store.loseAttempt(lease, "node died", clock.instant());

        Execution cancelled = store.requestCancel(e.id(), clock.instant());
        assertEquals(ExecutionStatus.CANCELLED, cancelled.status());
        assertTrue(cancelled.reason().startsWith("Cancelled while queued for attempt 2 (Retrying: attempt 1 of"),
                cancelled.reason());
        Execution fresh = store.create(spec("y"), clock.instant());
        assertEquals("Cancelled before it started", store.requestCancel(fresh.id(), clock.instant()).reason());
    }

    @Test
    void a_repeated_idempotency_key_returns_the_first_execution_and_records_no_second() {
        Created first = store.create(spec("x"), "alice", "key-1", clock.instant());
        Created again = store.create(spec("y"), "alice", "key-1", clock.instant());
        Created bobs = store.create(spec("x"), "bob", "key-1", clock.instant());
        assertTrue(first.inserted() && !again.inserted() && bobs.inserted());
        assertEquals(first.execution().id(), again.execution().id());
        assertTrue(!bobs.execution().id().equals(first.execution().id()), "keys are per owner");
        assertEquals(1, store.list(ExecutionQuery.recent().ownedBy("alice")).size());
    }

    @Test
    void an_execution_is_created_with_its_input_files_in_one_step() {
        dev.rgrid.core.model.ExecutionFile input = new dev.rgrid.core.model.ExecutionFile(
                dev.rgrid.core.model.FileKind.INPUT, "data/x.csv", 3, "a".repeat(64), "text/csv",
                "owners/alice/inputs/sha256/" + "a".repeat(64), clock.instant());
        Created created = store.create(spec("x"), "alice", null, List.of(input), clock.instant());
        assertEquals(List.of("data/x.csv"), database.executionFiles()
                .list(created.execution().id(), dev.rgrid.core.model.FileKind.INPUT).stream()
                .map(dev.rgrid.core.model.ExecutionFile::path).toList());
    }

    @Test
    void listing_for_an_owner_shows_only_theirs() {
        Execution alices = store.create(spec("x"), "alice", null, clock.instant()).execution();
        store.create(spec("x"), "bob", null, clock.instant());
        assertEquals(List.of(alices.id()),
                store.list(ExecutionQuery.recent().ownedBy("alice")).stream().map(Execution::id).toList());
        assertEquals("alice", store.get(alices.id()).owner());
        assertEquals(2, store.list(ExecutionQuery.recent()).size());
    }

    @Test
    void stale_finds_only_silent_unfinished_executions() {
        Execution old = store.create(spec("x"), clock.instant());
        Execution done = store.create(spec("x"), clock.instant());
        store.requestCancel(done.id(), clock.instant());
        clock.advance(Duration.ofMinutes(1));
        Execution fresh = store.create(spec("x"), clock.instant());
        List<String> stale = store.findStale(clock.instant().minusSeconds(30)).stream().map(Execution::id).toList();
        assertEquals(List.of(old.id()), stale);
        store.touchQueued(Set.of(old.id()), clock.instant());
        assertTrue(store.findStale(clock.instant().minusSeconds(30)).isEmpty());
        assertNull(store.get(fresh.id()).reason());
    }

    @Test
    void an_ended_execution_is_deleted_with_its_logs_and_a_running_one_is_refused() {
        Execution e = store.create(spec("print(1)"), clock.instant());
        Lease lease = store.claim(e.id(), clock.instant()).orElseThrow();
        store.appendLogs(lease, List.of(new LogLine(1, LogStream.STDOUT, clock.instant(), "1")));

        ConflictException active = assertThrows(ConflictException.class, () -> store.delete(e.id()));
        assertEquals("execution_active", active.code());
        assertEquals(e.id() + " is dispatched", active.value());
        assertTrue(active.hint().contains("rgrid cancel " + e.id()), active.hint());
        assertEquals(ExecutionStatus.DISPATCHED, store.get(e.id()).status(), "nothing changed");

        assertTrue(store.markRunning(lease, "node-1", Execution.ISOLATION_CONTAINER, "img", clock.instant()));
        assertThrows(ConflictException.class, () -> store.delete(e.id()));
        assertTrue(store.finish(lease, Outcome.exited(0), clock.instant()));
        assertTrue(store.delete(e.id()));
        assertTrue(store.find(e.id()).isEmpty());
        assertTrue(store.logs(e.id(), 0, EnumSet.allOf(LogStream.class), 10).isEmpty());
        assertFalse(store.delete(e.id()), "a second delete finds nothing");
    }

    @Test
    void the_requirements_path_is_kept() {
        Execution e = store.create(ExecutionSpec.builder("job.py", new byte[] {1}).requirements("deps/requirements.txt").build(),
                clock.instant());
        assertEquals("deps/requirements.txt", e.requirements());
        assertEquals("deps/requirements.txt", store.get(e.id()).requirements());
        assertNull(store.create(spec("x"), clock.instant()).requirements());
    }

    @Test
    void a_lost_attempt_is_retried_under_a_new_version_so_its_late_result_is_refused() {
        Execution e = store.create(spec("x"), clock.instant());
        Lease first = store.claim(e.id(), clock.instant()).orElseThrow();
        assertTrue(store.markRunning(first, "node-a", Execution.ISOLATION_CONTAINER, "img", clock.instant()));

        assertEquals(ExecutionStatus.QUEUED, store.loseAttempt(first, "its Ray task failed", clock.instant()));
        assertEquals(null, store.loseAttempt(first, "again", clock.instant()), "once only");
        Lease second = store.claim(e.id(), clock.instant()).orElseThrow();
        assertTrue(store.markRunning(second, "node-b", Execution.ISOLATION_CONTAINER, "img", clock.instant()));

        assertFalse(store.finish(first, Outcome.exited(1), clock.instant()), "the lost attempt's late result is refused");
        assertTrue(store.finish(second, Outcome.exited(0), clock.instant()));
        Execution done = store.get(e.id());
        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals(2, done.attempt());
        List<Attempt> attempts = store.attempts(e.id());
        assertEquals(List.of("worker_lost", "succeeded"), attempts.stream().map(Attempt::status).toList());
        assertEquals("worker died unexpectedly on node-a (its Ray task failed)", attempts.get(0).reason());
        assertEquals("node-b", attempts.get(1).node());
    }

    @Test
    void a_run_allowed_one_attempt_ends_worker_lost_when_it_is_lost() {
        Execution e = store.create(ExecutionSpec.builder("job.py", new byte[] {1}).retries(0).build(), clock.instant());
        assertEquals(1, e.maxAttempts());
        Lease only = store.claim(e.id(), clock.instant()).orElseThrow();
        assertEquals(ExecutionStatus.WORKER_LOST, store.loseAttempt(only, "gone", clock.instant()));
        assertTrue(store.get(e.id()).reason().endsWith("no attempts left (1 of 1)"), store.get(e.id()).reason());
        assertTrue(store.claim(e.id(), clock.instant()).isEmpty());
    }

    @Test
    void unfinished_answers_for_many_ids_at_once() {
        Execution queued = store.create(spec("a"), clock.instant());
        Execution ended = store.create(spec("b"), clock.instant());
        store.requestCancel(ended.id(), clock.instant());

        assertEquals(Set.of(queued.id()), store.unfinished(List.of(queued.id(), ended.id(), "exec_unknown")));
        assertEquals(Set.of(), store.unfinished(List.of()));
    }
}
