package dev.rgrid.engine.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.model.ProvisionedServer;
import dev.rgrid.core.model.ScaleEvent;
import dev.rgrid.core.model.WorkerNode;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.ExecutionStore;
import dev.rgrid.core.store.Lease;
import dev.rgrid.core.testing.SettableClock;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.engine.scale.hetzner.HetznerProvider;
import dev.rgrid.server.testing.hetzner.HetznerEmulator;
import dev.rgrid.worker.ray.RayNodes.RayNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The autoscaler stepped round by round on a settable clock, against a real PostgreSQL and the emulated Hetzner API:
 * billed hours and deadlines without waiting for them. Ray's node table is the list the test keeps (a node "joins"
 * when the test adds it), as no server here boots a machine.
 */
class AutoscalerClockTest {
    private static final String TOKEN = "clock-test";
    private final SettableClock clock = SettableClock.atNow();
    private final List<RayNode> ray = new CopyOnWriteArrayList<>();
    private Database db;
    private HetznerEmulator hetzner;
    private Autoscaler autoscaler;

    @BeforeEach
    void setUp() {
        db = TestPostgres.freshEmbedded();
        db.migrate();
        hetzner = HetznerEmulator.start(TOKEN, null);
        HetznerProvider provider = new HetznerProvider(new HetznerProvider.Options(hetzner.url(), TOKEN, List.of("cx22"),
                "nbg1", "debian-12", null, List.of(), List.of(), "clock"), new ObjectMapper(), Clock.systemUTC());
        ScaleSettings settings = new ScaleSettings("clock", 0, 3, 4, Duration.ofSeconds(10), Duration.ofMinutes(5),
                Duration.ofMinutes(10), Duration.ofSeconds(1));
        autoscaler = new Autoscaler(provider, db.servers(), db.nodes(), () -> ray, settings,
                new Autoscaler.Bootstrap("127.0.0.1:6380", "http://127.0.0.1/build.tar.gz"), clock,
                Autoscaler.Leadership.always(), new ScaleMetrics());
    }

    @AfterEach
    void tearDown() {
        autoscaler.close();
        hetzner.close();
        db.close();
    }

    private Execution queued() {
        return db.executions().create(ExecutionSpec.builder("job.py", "print(1)".getBytes(StandardCharsets.UTF_8)).build(),
                clock.instant());
    }

    private ProvisionedServer only() {
        List<ProvisionedServer> all = db.servers().list(10);
        assertEquals(1, all.size(), all::toString);
        return all.get(0);
    }

    /** The server's Ray node joins, and its worker registers, as they would on a real machine. */
    private String join(ProvisionedServer s) {
        String rayId = String.format("%056x", s.name().hashCode() & 0xffffffffL);
        ray.add(new RayNode(rayId, s.address(), true, s.slots(), s.name()));
        db.nodes().register(new WorkerNode(rayId, WorkerNode.nameOf("vm", rayId), "vm", s.cpus(), s.memoryMb(), s.slots(),
                "dev", WorkerNode.ALIVE, 0, clock.instant(), clock.instant(), null), clock.instant());
        return rayId;
    }

    @Test
    void a_node_is_never_retired_under_a_run_and_is_drained_once_the_run_ends_near_its_billed_hour() {
        Execution e = queued();
        autoscaler.round();
        ProvisionedServer asked = only();
        assertEquals(ProvisionedServer.BOOTING, asked.state());
        assertEquals(1, hetzner.servers().size());
        String rayId = join(asked);
        autoscaler.round();
        assertEquals(ProvisionedServer.READY, only().state());

        ExecutionStore store = db.executions();
        Lease lease = store.claim(e.id(), clock.instant()).orElseThrow();
        assertEquals(ExecutionStore.Start.STARTED, store.markRunningOn(lease, rayId, WorkerNode.nameOf("vm", rayId),
                "container", "img", clock.instant()));
        clock.advance(Duration.ofMinutes(56));
        autoscaler.round();
        assertEquals(ProvisionedServer.READY, only().state(), "never retired while it runs something");

        assertTrue(store.finish(lease, Outcome.exited(0), clock.instant()));
        autoscaler.round();
        assertEquals(ProvisionedServer.DRAINING, only().state(), "idle with 4 min of its hour left");
    }

    @Test
    void an_idle_node_is_kept_while_its_hour_is_paid_then_drained_and_deleted_before_the_next_one() {
        autoscaler.round();
        assertEquals(List.of(), db.servers().list(10), "nothing waits: nothing launched");
        queued();
        autoscaler.round();
        String rayId = join(only());
        db.executions().claimQueued(10, clock.instant()).forEach(l -> {
            db.executions().markRunningOn(l, rayId, WorkerNode.nameOf("vm", rayId), "container", "img", clock.instant());
            db.executions().finish(l, Outcome.exited(0), clock.instant());
        });
        autoscaler.round();
        assertEquals(ProvisionedServer.READY, only().state());

        clock.advance(Duration.ofMinutes(54)); // 6 min left of its hour, more than the 5-minute margin
        autoscaler.round();
        assertEquals(ProvisionedServer.READY, only().state(), "paid for until the hour ends: kept");

        clock.advance(Duration.ofSeconds(90)); // 4.5 min left
        autoscaler.round();
        assertEquals(ProvisionedServer.DRAINING, only().state());
        assertEquals(1, hetzner.servers().size(), "kept a moment for runs placed on it just before");

        clock.advance(Duration.ofSeconds(6));
        autoscaler.round();
        ProvisionedServer retired = only();
        assertEquals(ProvisionedServer.RETIRED, retired.state());
        assertTrue(retired.reason().startsWith("idle, and its next billed hour starts in"), retired.reason());
        assertEquals(1, retired.billedHours(clock.instant().plus(Duration.ofHours(3))), "one hour billed, for good");
        assertEquals(List.of(), hetzner.servers());
        assertEquals(List.of("retire", "drain", "ready", "launch"),
                db.servers().events(10).stream().map(ScaleEvent::kind).toList());
    }

    @Test
    void a_server_that_never_joins_is_deleted_at_the_deadline_and_replaced_after_a_back_off() {
        queued();
        autoscaler.round();
        ProvisionedServer first = only();

        clock.advance(Duration.ofMinutes(9));
        autoscaler.round();
        assertEquals(ProvisionedServer.BOOTING, only().state(), "within the deadline");

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        autoscaler.round();
        ProvisionedServer failed = db.servers().find(first.name()).orElseThrow();
        assertEquals(ProvisionedServer.FAILED, failed.state());
        assertTrue(failed.reason().startsWith("it did not join Ray within 10 min (RGRID_JOIN_DEADLINE)"), failed.reason());
        assertEquals(List.of(), hetzner.servers(), "deleted at the provider");
        assertEquals(1, db.servers().list(10).size(), "no replacement in the same round: launches back off");

        clock.advance(Duration.ofSeconds(11));
        autoscaler.round();
        assertEquals(2, db.servers().list(10).size(), "replaced while the run waits");
        assertEquals(1, hetzner.servers().size());
    }

    @Test
    void min_nodes_are_kept_up_and_never_retired() {
        Autoscaler floor = new Autoscaler(new HetznerProvider(new HetznerProvider.Options(hetzner.url(), TOKEN,
                List.of("cx22"), "nbg1", "debian-12", null, List.of(), List.of(), "clock"), new ObjectMapper(),
                Clock.systemUTC()), db.servers(), db.nodes(), () -> ray, new ScaleSettings("clock", 1, 3, 4,
                Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofSeconds(1)),
                new Autoscaler.Bootstrap("127.0.0.1:6380", null), clock, Autoscaler.Leadership.always(), new ScaleMetrics());
        floor.round();
        join(only());
        floor.round();

        clock.advance(Duration.ofMinutes(58));
        floor.round();
        assertEquals(ProvisionedServer.READY, only().state(), "the one node of RGRID_MIN_NODES=1 stays, idle or not");
    }
}
