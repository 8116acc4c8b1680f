package dev.rgrid.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.ProvisionedServer;
import dev.rgrid.core.model.WorkerNode;
import dev.rgrid.core.testing.SettableClock;
import dev.rgrid.core.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Provisioned servers: intent, creation, join, drain and end, and how a drain and a run's start order each other. */
class ServerStoreTest {
    private static final String RAY_ID = "ab".repeat(28);
    private final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private Database db;
    private ServerStore servers;
    private ExecutionStore executions;

    @BeforeEach
    void setUp() {
        db = TestPostgres.freshEmbedded();
        db.migrate();
        servers = db.servers();
        executions = db.executions();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private ProvisionedServer intent(String name) {
        return new ProvisionedServer(name, "hetzner", "cx22", "nbg1", null, ProvisionedServer.REQUESTED, null, null, 2, 3072,
                2, 8000, "EUR", clock.instant(), null, null, null, null, "2 runs waiting");
    }

    /** A server that joined Ray as {@link #RAY_ID}, registered as a node. */
    private void readyServer(String name) {
        assertTrue(servers.recordIntent(intent(name)));
        assertTrue(servers.created(name, "42", "10.0.0.5", clock.instant()));
        assertTrue(servers.ready(name, RAY_ID, clock.instant()));
        db.nodes().register(new WorkerNode(RAY_ID, WorkerNode.nameOf("vm", RAY_ID), "vm", 2, 3072, 2, "dev", WorkerNode.ALIVE,
                0, clock.instant(), clock.instant(), null), clock.instant());
    }

    private Lease claimed() {
        Execution e = executions.create(ExecutionSpec.builder("job.py", "print(1)".getBytes(StandardCharsets.UTF_8)).build(),
                clock.instant());
        return executions.claim(e.id(), clock.instant()).orElseThrow();
    }

    @Test
    void a_server_goes_from_intent_to_retired_once_each_step_and_bills_every_started_hour() {
        assertTrue(servers.recordIntent(intent("rgrid-t-1")));
        assertFalse(servers.recordIntent(intent("rgrid-t-1")), "a name is recorded once");
        assertTrue(servers.created("rgrid-t-1", "42", "10.0.0.5", clock.instant()));
        assertFalse(servers.created("rgrid-t-1", "43", "10.0.0.6", clock.instant()), "created once");
        clock.advance(Duration.ofSeconds(40));
        assertTrue(servers.ready("rgrid-t-1", RAY_ID, clock.instant()));
        clock.advance(Duration.ofMinutes(61));
        assertTrue(servers.end("rgrid-t-1", ProvisionedServer.RETIRED, "idle", clock.instant()));
        assertFalse(servers.end("rgrid-t-1", ProvisionedServer.DEAD, "late", clock.instant()), "ended once");

        ProvisionedServer s = servers.find("rgrid-t-1").orElseThrow();
        assertEquals(List.of(ProvisionedServer.RETIRED, "42", RAY_ID, "idle"), List.of(s.state(), s.serverId(), s.rayNodeId(), s.reason()));
        assertEquals(2, s.billedHours(clock.instant().plus(Duration.ofHours(5))), "61 min 40 s is two started hours, and stays so");
        assertEquals(List.of(), servers.live());
        assertTrue(servers.nextSerial() < servers.nextSerial(), "serials never repeat");
    }

    @Test
    void a_run_never_starts_on_a_draining_node_and_goes_back_to_the_queue_with_its_attempt() {
        readyServer("rgrid-t-2");
        Lease lease = claimed();
        assertTrue(servers.drain("rgrid-t-2", "idle", clock.instant()));

        assertEquals(ExecutionStore.Start.NODE_RETIRING, executions.markRunningOn(lease, RAY_ID, "vm/abababab", "container",
                "img", clock.instant()));
        assertTrue(executions.returnToQueue(lease, clock.instant()));

        Execution back = executions.get(lease.executionId());
        assertEquals(ExecutionStatus.QUEUED, back.status());
        assertEquals(0, back.attempt(), "the attempt was not spent");
        assertEquals(1, executions.claim(back.id(), clock.instant()).orElseThrow().attempt());
        assertFalse(executions.returnToQueue(lease, clock.instant()), "the old lease moves nothing");
    }

    @Test
    void a_node_with_a_run_started_is_not_drained() {
        readyServer("rgrid-t-3");
        Lease lease = claimed();
        assertEquals(ExecutionStore.Start.STARTED, executions.markRunningOn(lease, RAY_ID, "vm/abababab", "container", "img",
                clock.instant()));

        assertFalse(servers.drain("rgrid-t-3", "idle", clock.instant()), "it runs something");
        assertEquals(ProvisionedServer.READY, servers.find("rgrid-t-3").orElseThrow().state());
        assertEquals(List.of(new ServerStore.Load(1.0, 512, 1)), List.copyOf(servers.load().values()));
    }

    @Test
    void a_node_no_autoscaler_provisioned_starts_runs_as_before() {
        Lease lease = claimed();
        assertEquals(ExecutionStore.Start.STARTED, executions.markRunningOn(lease, "cd".repeat(28), "vm/cdcdcdcd", "container",
                "img", clock.instant()));
    }

    @Test
    void the_queues_demand_is_counted_by_shape() {
        claimed();
        claimed();
        assertEquals(List.of(new ServerStore.Waiting(1.0, 512, 2)), servers.waiting());
    }
}
