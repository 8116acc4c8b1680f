package dev.rgrid.core.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.ExecutionStore;
import dev.rgrid.core.store.Lease;
import dev.rgrid.core.testing.SettableClock;
import dev.rgrid.core.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        reaper = new Reaper(store, clock, Duration.ofSeconds(10), 3);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private Execution running() {
        Execution e = store.create(ExecutionSpec.builder("a.py", new byte[0]).build(), clock.instant());
        Lease lease = store.claim(e.id(), clock.instant()).orElseThrow();
        store.markRunning(lease, "node-7", "container", "img", clock.instant());
        return e;
    }

    @Test
    void a_running_execution_whose_heartbeat_stopped_ends_as_worker_lost() {
        Execution e = running();
        clock.advance(Duration.ofSeconds(29));
        assertEquals(0, reaper.reapOnce(), "two missed heartbeats are not yet dead");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, reaper.reapOnce());
        Execution lost = store.get(e.id());
        assertEquals(ExecutionStatus.WORKER_LOST, lost.status());
        assertTrue(lost.reason().startsWith("worker died unexpectedly on node-7"), lost.reason());
        assertEquals(0, reaper.reapOnce(), "it ends once");
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
        Execution e = running();
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(10));
            Lease lease = new Lease(e.id(), 1, 1);
            store.heartbeat(lease, clock.instant());
            reaper.reapOnce();
        }
        assertEquals(ExecutionStatus.RUNNING, store.get(e.id()).status());
    }
}
