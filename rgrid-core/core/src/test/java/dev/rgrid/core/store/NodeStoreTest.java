package dev.rgrid.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.WorkerNode;
import dev.rgrid.core.testing.SettableClock;
import dev.rgrid.core.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Nodes register, heartbeat, fall silent and die, and come back. */
class NodeStoreTest {
    private final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private Database db;
    private NodeStore nodes;

    @BeforeEach
    void setUp() {
        db = TestPostgres.freshEmbedded();
        db.migrate();
        nodes = db.nodes();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private WorkerNode node(String id, String version) {
        return new WorkerNode(id, WorkerNode.nameOf("host", id), "host", 2, 4096, 2, version, WorkerNode.ALIVE, 0,
                clock.instant(), clock.instant(), null);
    }

    @Test
    void a_registered_node_heartbeats_with_its_load_and_is_listed_alive() {
        nodes.register(node("aaaaaaaaaaaa", "1.0"), clock.instant());
        clock.advance(Duration.ofSeconds(10));
        assertTrue(nodes.heartbeat("aaaaaaaaaaaa", 2, clock.instant()));

        WorkerNode listed = nodes.list().get(0);
        assertEquals("host/aaaaaaaa", listed.name());
        assertEquals(List.of(WorkerNode.ALIVE, 2, clock.instant(), "1.0"),
                List.of(listed.state(), listed.running(), listed.heartbeatAt(), listed.version()));
        assertFalse(nodes.heartbeat("unknown", 0, clock.instant()));
    }

    @Test
    void a_silent_node_is_found_marked_dead_once_and_revived_when_it_registers_again() {
        nodes.register(node("bbbbbbbbbbbb", "1.0"), clock.instant());
        nodes.register(node("cccccccccccc", "1.0"), clock.instant());
        clock.advance(Duration.ofSeconds(31));
        nodes.seen("cccccccccccc", clock.instant());

        List<WorkerNode> silent = nodes.silentSince(clock.instant().minusSeconds(30));
        assertEquals(List.of("bbbbbbbbbbbb"), silent.stream().map(WorkerNode::id).toList());
        assertTrue(nodes.markDead("bbbbbbbbbbbb", "not heard from for 30 s"));
        assertFalse(nodes.markDead("bbbbbbbbbbbb", "again"), "dead once");
        assertFalse(nodes.heartbeat("bbbbbbbbbbbb", 1, clock.instant()), "a dead node's heartbeat says so");
        assertEquals(List.of("cccccccccccc", "bbbbbbbbbbbb"), nodes.list().stream().map(WorkerNode::id).toList(), "alive first");
        assertEquals("not heard from for 30 s", nodes.list().get(1).reason());

        nodes.register(node("bbbbbbbbbbbb", "-"), clock.instant());
        WorkerNode back = nodes.list().stream().filter(n -> n.id().equals("bbbbbbbbbbbb")).findFirst().orElseThrow();
        assertEquals(List.of(WorkerNode.ALIVE, "1.0"), List.of(back.state(), back.version()),
                "revived; a registration from Ray's table keeps the version its worker reported");
        assertEquals(null, back.reason());
    }
}
