package dev.rgrid.engine.scale;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One scaling decision, computed from numbers alone (no provider, no database), so it is fast and testable: the
 * waiting runs are packed, largest first, into the free room of the nodes there are (ready and booting), then into
 * new nodes, each the cheapest allowed type that fits the run that needs it, as far as the caps allow.
 *
 * <p>Packing by shape (a run's CPUs and memory) with counts, not run by run, keeps a decision over 10,000 waiting
 * runs as cheap as one over their few distinct shapes.
 */
public final class ScalePlanner {

    /** Runs of one shape waiting for a node: queued, or dispatched and not yet placed by Ray. */
    public record Waiting(Shape shape, int count) {}

    /** A node there is (ready, or asked for and not joined yet) and what it has free. */
    public record Node(String server, double freeCpus, long freeMemoryMb, int freeSlots) {}

    /** The caps on launching. */
    public record Caps(int minNodes, int maxNodes, int maxLaunching) {}

    /**
     * @param launches the types to launch now, one entry a node
     * @param needed   nodes there are that waiting runs will go to: not to be retired
     * @param unfit    waiting runs no allowed type could ever take
     * @param held     why runs still wait with no node to go to (a cap reached); null when none do
     */
    public record Plan(List<ServerType> launches, Set<String> needed, List<Waiting> unfit, String held) {}

    private ScalePlanner() {}

    public static Plan plan(List<Waiting> waiting, List<Node> nodes, List<ServerType> types, int launching, Caps caps) {
        List<ServerType> byPrice = types.stream().sorted(Comparator.comparingLong(ServerType::priceMicros)
                .thenComparingDouble(ServerType::cpus).thenComparingLong(ServerType::memoryMb)).toList();
        Map<String, Room> free = new LinkedHashMap<>();
        for (Node n : nodes) free.put(n.server(), new Room(n.freeCpus(), n.freeMemoryMb(), n.freeSlots()));
        Set<String> needed = new HashSet<>();
        List<ServerType> launches = new ArrayList<>();
        List<Room> planned = new ArrayList<>();
        List<Waiting> unfit = new ArrayList<>();
        String held = null;

        List<Waiting> largestFirst = waiting.stream().filter(w -> w.count() > 0)
                .sorted(Comparator.comparingLong((Waiting w) -> w.shape().memoryMb())
                        .thenComparingDouble(w -> w.shape().cpus()).reversed()).toList();
        for (Waiting w : largestFirst) {
            int left = w.count();
            for (Map.Entry<String, Room> e : free.entrySet()) {
                if (left == 0) break;
                int n = Math.min(left, e.getValue().fits(w.shape()));
                if (n == 0) continue;
                e.setValue(e.getValue().minus(w.shape(), n));
                needed.add(e.getKey());
                left -= n;
            }
            for (int i = 0; i < planned.size() && left > 0; i++) {
                int n = Math.min(left, planned.get(i).fits(w.shape()));
                planned.set(i, planned.get(i).minus(w.shape(), n));
                left -= n;
            }
            if (left == 0) continue;
            ServerType type = byPrice.stream().filter(t -> t.fits(w.shape()) > 0).findFirst().orElse(null);
            if (type == null) {
                unfit.add(new Waiting(w.shape(), left));
                continue;
            }
            while (left > 0) {
                String cap = capReached(nodes.size() + launches.size(), launching + launches.size(), caps);
                if (cap != null) {
                    if (held == null) held = String.format(Locale.ROOT, "%d run%s wait%s with no node to go to: %s", left,
                            left == 1 ? "" : "s", left == 1 ? "s" : "", cap);
                    break;
                }
                Room room = Room.of(type);
                int n = Math.min(left, room.fits(w.shape()));
                planned.add(room.minus(w.shape(), n));
                launches.add(type);
                left -= n;
            }
        }
        // The floor: min nodes are kept up even with nothing waiting, the cheapest type each.
        while (!byPrice.isEmpty() && nodes.size() + launches.size() < caps.minNodes()
                && capReached(nodes.size() + launches.size(), launching + launches.size(), caps) == null) {
            launches.add(byPrice.get(0));
        }
        return new Plan(List.copyOf(launches), Set.copyOf(needed), List.copyOf(unfit), held);
    }

    private static String capReached(int nodes, int launching, Caps caps) {
        if (nodes >= caps.maxNodes()) return "the cluster is at its most nodes (" + caps.maxNodes() + ", RGRID_MAX_NODES)";
        if (launching >= caps.maxLaunching()) {
            return launching + " node" + (launching == 1 ? " is" : "s are") + " booting already (at most "
                    + caps.maxLaunching() + ", RGRID_MAX_LAUNCHING)";
        }
        return null;
    }
}
