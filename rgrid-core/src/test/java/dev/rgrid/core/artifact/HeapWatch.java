package dev.rgrid.core.artifact;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Measures how much heap an operation keeps alive: the used heap after a full collection, sampled while
 * the operation runs, against the same before it starts. Garbage does not count; buffered content does.
 */
final class HeapWatch {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final long baseline;
    private long peakGrowth;

    HeapWatch() {
        this.baseline = usedAfterGc();
    }

    /** Takes a sample now (call it from the middle of the operation). */
    void sample() {
        peakGrowth = Math.max(peakGrowth, usedAfterGc() - baseline);
    }

    long peakGrowthBytes() { return peakGrowth; }

    private long usedAfterGc() {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
