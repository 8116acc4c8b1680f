package dev.rgrid.engine.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.engine.scale.ScalePlanner.Caps;
import dev.rgrid.engine.scale.ScalePlanner.Node;
import dev.rgrid.engine.scale.ScalePlanner.Plan;
import dev.rgrid.engine.scale.ScalePlanner.Waiting;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ScalePlannerTest {
    private static final ServerType SMALL = new ServerType("cx22", 2, 3072, 2, 8000, "EUR", "nbg1");
    private static final ServerType LARGE = new ServerType("cx32", 4, 7168, 4, 14600, "EUR", "nbg1");
    private static final List<ServerType> TYPES = List.of(LARGE, SMALL);
    private static final Caps CAPS = new Caps(0, 10, 4);
    private static final Shape ONE = new Shape(1, 512);

    @Test
    void runs_that_fit_the_nodes_there_are_launch_nothing_and_keep_those_nodes() {
        Plan plan = ScalePlanner.plan(List.of(new Waiting(ONE, 2)), List.of(new Node("a", 2, 3072, 2)), TYPES, 0, CAPS);

        assertEquals(List.of(), plan.launches());
        assertEquals(Set.of("a"), plan.needed());
        assertNull(plan.held());
    }

    @Test
    void waiting_runs_get_the_cheapest_type_that_fits_each() {
        Plan plan = ScalePlanner.plan(List.of(new Waiting(ONE, 3), new Waiting(new Shape(3, 6000), 1)), List.of(), TYPES, 0, CAPS);

        // The large run needs a cx32 (and leaves room for one small one); the two small runs left share a cx22.
        assertEquals(List.of("cx32", "cx22"), plan.launches().stream().map(ServerType::name).toList());
    }

    @Test
    void a_run_larger_than_every_type_is_unfit_and_launches_nothing() {
        Plan plan = ScalePlanner.plan(List.of(new Waiting(new Shape(1, 16384), 2)), List.of(), TYPES, 0, CAPS);

        assertEquals(List.of(), plan.launches());
        assertEquals(List.of(new Waiting(new Shape(1, 16384), 2)), plan.unfit());
    }

    @Test
    void caps_hold_launches_back_and_say_why() {
        Plan atMost = ScalePlanner.plan(List.of(new Waiting(ONE, 20)), List.of(), TYPES, 0, new Caps(0, 3, 10));
        assertEquals(3, atMost.launches().size());
        assertEquals("14 runs wait with no node to go to: the cluster is at its most nodes (3, RGRID_MAX_NODES)", atMost.held());

        Plan inFlight = ScalePlanner.plan(List.of(new Waiting(ONE, 20)), List.of(new Node("a", 2, 3072, 2)), TYPES, 1,
                new Caps(0, 10, 2));
        assertEquals(1, inFlight.launches().size(), "one booting already, two at most");
        assertTrue(inFlight.held().endsWith("2 nodes are booting already (at most 2, RGRID_MAX_LAUNCHING)"), inFlight.held());
    }

    @Test
    void min_nodes_are_kept_up_with_nothing_waiting() {
        Plan plan = ScalePlanner.plan(List.of(), List.of(new Node("a", 2, 3072, 2)), TYPES, 0, new Caps(3, 10, 4));

        assertEquals(List.of("cx22", "cx22"), plan.launches().stream().map(ServerType::name).toList());
    }

    @Test
    void ten_thousand_waiting_runs_and_a_hundred_nodes_are_one_pass_over_their_shapes() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 100; i++) nodes.add(new Node("n" + i, 4, 7168, 4));
        Plan plan = ScalePlanner.plan(List.of(new Waiting(ONE, 10_000)), nodes, TYPES, 0, new Caps(0, 200, 200));

        assertEquals(100, plan.launches().size(), "the cap of 200 nodes: 100 there are, 100 more");
        assertEquals(100, plan.needed().size());
        assertTrue(plan.held().startsWith("9400 runs wait"), plan.held());
    }

    /** Whatever waits and whatever there is: the caps hold, nothing is planned that could not run, every run is accounted for. */
    @Property(tries = 300)
    void a_plan_keeps_the_caps_and_places_or_accounts_for_every_run(
            @ForAll @Size(max = 4) List<@IntRange(min = 1, max = 40) Integer> counts,
            @ForAll @IntRange(min = 1, max = 8) int cpus, @ForAll @IntRange(min = 1, max = 12) int memoryGb,
            @ForAll @IntRange(min = 0, max = 5) int nodes, @ForAll @IntRange(min = 0, max = 3) int launching,
            @ForAll @IntRange(min = 1, max = 12) int maxNodes, @ForAll @IntRange(min = 1, max = 5) int maxLaunching) {
        List<Waiting> waiting = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            waiting.add(new Waiting(new Shape(1 + (cpus + i) % 4, 512L * (1 + (memoryGb + i) % 12)), counts.get(i)));
        }
        List<Node> there = new ArrayList<>();
        for (int i = 0; i < nodes; i++) there.add(new Node("n" + i, 2, 3072, 2));
        Caps caps = new Caps(0, maxNodes, maxLaunching);

        Plan plan = ScalePlanner.plan(waiting, there, TYPES, launching, caps);

        assertTrue(nodes + plan.launches().size() <= Math.max(nodes, maxNodes), "max nodes: " + plan);
        assertTrue(plan.launches().isEmpty() || launching + plan.launches().size() <= maxLaunching, "launching: " + plan);
        for (Waiting u : plan.unfit()) assertTrue(TYPES.stream().noneMatch(t -> t.fits(u.shape()) > 0), "unfit fits: " + u);
        int room = there.size() * 2 + plan.launches().stream().mapToInt(ServerType::slots).sum();
        int placeable = waiting.stream().filter(w -> plan.unfit().stream().noneMatch(u -> u.shape().equals(w.shape())))
                .mapToInt(Waiting::count).sum();
        if (placeable > room) assertTrue(plan.held() != null, "runs left over are held with a reason: " + plan);
    }
}
