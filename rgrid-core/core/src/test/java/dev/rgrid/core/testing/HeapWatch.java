package dev.rgrid.core.testing;

import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures how much heap an operation keeps alive: the used heap after a full collection, sampled while
 * the operation runs, against the same before it starts. Garbage does not count; buffered content does.
 * Watches this JVM ({@code ManagementFactory.getMemoryMXBean()}) or another one through a remote JMX
 * proxy of its {@link MemoryMXBean}. Samples on demand ({@link #sample}) or every interval on a
 * background thread ({@link #sampleEvery}) until closed.
 */
public final class HeapWatch implements AutoCloseable {
    private final MemoryMXBean memory;
    private final long baseline;
    private final List<Sample> samples = new ArrayList<>();
    private Thread sampler;

    public HeapWatch(MemoryMXBean memory) {
        this.memory = memory;
        this.baseline = usedAfterGc();
    }

    /** One sample: when it was taken ({@link System#nanoTime()}) and the retained heap's growth then. */
    public record Sample(long nanoTime, long growthBytes) {}

    /** Takes a sample now (call it from the middle of the operation). */
    public void sample() {
        long used = usedAfterGc();
        long now = System.nanoTime();
        synchronized (this) {
            samples.add(new Sample(now, used - baseline));
        }
    }

    /** Starts sampling every {@code interval} on a daemon thread, until {@link #close}; returns this. */
    public synchronized HeapWatch sampleEvery(Duration interval) {
        if (sampler != null) throw new IllegalStateException("already sampling");
        sampler = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    sample();
                    Thread.sleep(interval.toMillis()); // the sampling period itself, not a wait for a condition
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // the watched JVM went away: the samples taken so far stand
            }
        }, "heap-watch");
        sampler.setDaemon(true);
        sampler.start();
        return this;
    }

    /** The largest growth sampled, 0 when none grew. */
    public synchronized long peakGrowthBytes() {
        return Math.max(0, samples.stream().mapToLong(Sample::growthBytes).max().orElse(0));
    }

    /** The largest growth sampled between two {@link System#nanoTime()} values, for one phase of an operation. */
    public synchronized long peakGrowthBytes(long fromNanos, long toNanos) {
        return Math.max(0, samples.stream().filter(s -> s.nanoTime() - fromNanos >= 0 && toNanos - s.nanoTime() >= 0)
                .mapToLong(Sample::growthBytes).max().orElse(0));
    }

    public synchronized List<Sample> samples() { return List.copyOf(samples); }

    public long baselineBytes() { return baseline; }

    /** Stops the background sampling, if any, and waits for its last sample. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = sampler;
        }
        if (t == null) return;
        t.interrupt();
        try {
            t.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long usedAfterGc() {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
