package dev.rgrid.worker.ray;

import dev.rgrid.core.model.Limits;
import io.ray.api.runtimecontext.NodeInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the cluster's live worker nodes offer, so a run no node could ever take is refused at once with the
 * numbers, rather than waiting forever in Ray's queue. A run that fits some node but finds it busy waits;
 * so does every run while the cluster has no worker node at all (one may be added).
 */
final class ClusterCapacity {
    private static final double MB = 1024 * 1024;

    private ClusterCapacity() {}

    /** Why no live worker node could ever run {@code limits}; empty when one could, or when there is none yet. */
    static Optional<String> whyNoNodeFits(Limits limits, List<NodeInfo> nodes) {
        List<NodeInfo> workers = nodes.stream()
                .filter(n -> n.isAlive && n.resources.getOrDefault(RayDispatcher.SLOT_RESOURCE, 0.0) >= 1.0).toList();
        if (workers.isEmpty()) return Optional.empty();
        double askedMemory = limits.memoryMb() * MB;
        boolean fits = workers.stream().anyMatch(n -> n.resources.getOrDefault("CPU", 0.0) >= limits.cpus()
                && n.resources.getOrDefault("memory", 0.0) >= askedMemory);
        if (fits) return Optional.empty();
        double mostMemory = workers.stream().mapToDouble(n -> n.resources.getOrDefault("memory", 0.0)).max().orElse(0);
        double mostCpus = workers.stream().mapToDouble(n -> n.resources.getOrDefault("CPU", 0.0)).max().orElse(0);
        return Optional.of(String.format(Locale.ROOT, "No node of the cluster can run it: it asks %d MB and %s CPU; the "
                        + "largest node offers %d MB and %s CPU (%d worker node%s). Ask for less (--memory, --cpus), "
                        + "or add a larger node", limits.memoryMb(), cpus(limits.cpus()), (long) (mostMemory / MB),
                cpus(mostCpus), workers.size(), workers.size() == 1 ? "" : "s"));
    }

    private static String cpus(double cpus) {
        return cpus == Math.rint(cpus) ? String.valueOf((long) cpus) : String.valueOf(cpus);
    }
}
