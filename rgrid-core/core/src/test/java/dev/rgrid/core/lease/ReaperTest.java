package dev.rgrid.core.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Attempt;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.ExecutionStore;
import dev.rgrid.core.store.Lease;
import dev.rgrid.core.testing.SettableClock;
import dev.rgrid.core.testing.TestPostgres;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReaperTest {
    private final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private Database db;
    private ExecutionStore store;
    private Reaper reaper;

    @BeforeEach
    void setUp() {
        db = TestPostgres.freshEmbedded();
        db.migrate();
        store = db.executions();
        reaper = new Reaper(store, clock, Reaper.staleAfter(Duration.ofSeconds(10), 3));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private Execution running(int maxAttempts) {
        Execution e = store.create(ExecutionSpec.builder("a.py", new byte[0]).maxAttempts(maxAttempts).build(), clock.instant());
        runAgain(e, "node-7");
        return e;
    }

    private Lease runAgain(Execution e, String node) {
        Lease lease = store.claim(e.id(), clock.instant()).orElseThrow();
        store.markRunning(lease, node, "container", "img", clock.instant());
        return lease;
    }

    @Test
    void a_running_execution_whose_heartbeat_stopped_and_has_no_attempts_left_ends_as_worker_lost() {
        Execution e = running(1);
        clock.advance(Duration.ofSeconds(29));
        assertEquals(0, reaper.reapOnce(), "two missed heartbeats are not yet dead");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, reaper.reapOnce());
        Execution lost = store.get(e.id());
        assertEquals(ExecutionStatus.WORKER_LOST, lost.status());
        assertTrue(lost.reason().startsWith("worker died unexpectedly on node-7 (no heartbeat for 30 s)"), lost.reason());
        assertTrue(lost.reason().endsWith("no attempts left (1 of 1)"), lost.reason());
        assertEquals(0, reaper.reapOnce(), "it ends once");
    }

    @Test
    void a_stale_execution_with_attempts_left_is_queued_again_and_its_lost_attempt_recorded() {
        Execution e = running(3);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, reaper.reapOnce());

        Execution requeued = store.get(e.id());
        assertEquals(ExecutionStatus.QUEUED, requeued.status());
        assertTrue(requeued.reason().startsWith("Retrying: attempt 1 of 3 was lost: worker died unexpectedly on node-7"),
                requeued.reason());
        Lease second = runAgain(e, "node-8");
        assertEquals(2, second.attempt());
        List<Attempt> attempts = store.attempts(e.id());
        assertEquals(2, attempts.size());
        assertEquals("worker_lost", attempts.get(0).status());
        assertEquals("node-7", attempts.get(0).node());
        assertEquals(List.of("node-8", "running"), List.of(attempts.get(1).node(), attempts.get(1).status()));
        assertEquals(0, reaper.reapOnce(), "the new attempt heartbeats afresh");
    }

    @Test
    void the_last_attempt_lost_ends_the_execution_with_one_final_status() {
        Execution e = running(2);
        clock.advance(Duration.ofSeconds(30));
        reaper.reapOnce();
        runAgain(e, "node-8");
        clock.advance(Duration.ofSeconds(30));
        reaper.reapOnce();

        Execution lost = store.get(e.id());
        assertEquals(ExecutionStatus.WORKER_LOST, lost.status());
        assertTrue(lost.reason().contains("on node-8") && lost.reason().endsWith("(2 of 2)"), lost.reason());
        assertEquals(List.of("worker_lost", "worker_lost"), store.attempts(e.id()).stream().map(Attempt::status).toList());
    }

    @Test
    void a_queued_execution_left_by_a_dead_process_is_ended_with_its_own_reason() {
        Execution e = store.create(ExecutionSpec.builder("a.py", new byte[0]).build(), clock.instant());
        clock.advance(Duration.ofMinutes(1));
        reaper.reapOnce();
        Execution lost = store.get(e.id());
        assertEquals(ExecutionStatus.WORKER_LOST, lost.status());
        assertTrue(lost.reason().contains("ended before it started"), lost.reason());
    }

    @Test
    void a_heartbeating_execution_is_left_alone() {
        Execution e = running(3);
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(10));
            Lease lease = new Lease(e.id(), 1, 1);
            store.heartbeat(lease, clock.instant());
            reaper.reapOnce();
        }
        assertEquals(ExecutionStatus.RUNNING, store.get(e.id()).status());
    }

    @Test
    void a_dispatched_execution_waiting_for_a_node_is_kept_alive_by_its_dispatcher() {
        Execution e = store.create(ExecutionSpec.builder("a.py", new byte[0]).build(), clock.instant());
        Lease waiting = store.claim(e.id(), clock.instant()).orElseThrow();
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(10));
            store.touchDispatched(List.of(waiting), clock.instant());
            assertEquals(0, reaper.reapOnce());
        }
        assertEquals(ExecutionStatus.DISPATCHED, store.get(e.id()).status());

        store.touchDispatched(List.of(new Lease(e.id(), waiting.version() - 1, 1)), clock.instant().plusSeconds(60));
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, reaper.reapOnce(), "an old lease vouches for nothing; with its dispatcher gone it is retried");
        assertEquals(ExecutionStatus.QUEUED, store.get(e.id()).status());
    }

    /** The real store, failing every call the way a database that went away fails while {@code down} is set. */
    private ExecutionStore failingWhile(AtomicBoolean down) {
        return (ExecutionStore) Proxy.newProxyInstance(ExecutionStore.class.getClassLoader(),
                new Class<?>[] {ExecutionStore.class}, (proxy, method, args) -> {
                    if (down.get()) {
                        throw new IllegalStateException("connection refused",
                                new SQLTransientConnectionException("rgrid - Connection is not available"));
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void after_a_database_outage_nothing_is_reaped_until_runners_had_a_whole_stale_period_to_heartbeat() {
        AtomicBoolean down = new AtomicBoolean();
        Reaper guarded = new Reaper(failingWhile(down), clock, Reaper.staleAfter(Duration.ofSeconds(10), 3));
        Execution e = running(3);
        down.set(true);
        clock.advance(Duration.ofSeconds(40)); // the runner's heartbeats failed all along, like everyone's
        assertThrows(IllegalStateException.class, guarded::reapOnce);

        down.set(false);
        assertEquals(0, guarded.reapOnce(), "the first answer after the outage reaps nothing");
        clock.advance(Duration.ofSeconds(29));
        assertEquals(0, guarded.reapOnce(), "a stale period counted from the database's return has not passed");
        assertEquals(ExecutionStatus.RUNNING, store.get(e.id()).status());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, guarded.reapOnce(), "a runner still silent a whole period after the outage is lost");
    }

    @Test
    void a_reaper_beside_a_queue_dispatcher_leaves_queued_runs_for_it_however_long_they_waited() {
        Reaper server = new Reaper(store, clock, Reaper.staleAfter(Duration.ofSeconds(10), 3), false);
        Execution queued = store.create(ExecutionSpec.builder("a.py", new byte[0]).build(), clock.instant());
        clock.advance(Duration.ofMinutes(10));
        assertEquals(0, server.reapOnce());
        assertEquals(ExecutionStatus.QUEUED, store.get(queued.id()).status());
        assertEquals(1, reaper.reapOnce(), "an embedded engine's reaper ends it: no one else would run it");
    }
}
