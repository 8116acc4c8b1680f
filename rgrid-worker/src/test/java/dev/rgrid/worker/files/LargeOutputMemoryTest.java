package dev.rgrid.worker.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.rgrid.core.artifact.FileLimits;
import dev.rgrid.core.model.ExecutionFile;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A 300 MB output goes to the store with flat memory. Two measures: every byte the collecting thread
 * allocates (strict: a buffered copy would allocate at least the file's size), and the heap in use,
 * sampled every 5 ms, above its level after a GC (looser: it counts garbage not yet collected).
 */
@Tag("slow")
class LargeOutputMemoryTest extends CollectorScenario {
    private static final long SIZE = 300L << 20;
    private static final long BUDGET = 64L << 20;

    @Test
    void a_300_mb_output_is_collected_with_flat_memory() throws Exception {
        String sha = writeOutput(outputs().resolve("big.bin"));
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.gc();
        long baseline = heapUsed();
        AtomicLong peak = new AtomicLong(baseline);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(heapUsed(), Math::max), 0, 5, TimeUnit.MILLISECONDS);
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        List<ExecutionFile> collected;
        try {
            collected = collect(FileLimits.DEFAULTS);
        } finally {
            sampler.shutdownNow();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        long peakGrowth = peak.get() - baseline;
        System.gc();
        long retained = heapUsed() - baseline;
        System.out.printf("300 MB output: allocated %d KB on the collecting thread, heap peak +%d KB, retained +%d KB%n",
                allocated >> 10, peakGrowth >> 10, retained >> 10);
        assertEquals(SIZE, collected.get(0).size());
        assertEquals(sha, collected.get(0).sha256());
        assertTrue(allocated < BUDGET, "collecting allocated " + (allocated >> 20) + " MB");
        assertTrue(peakGrowth < BUDGET, "heap grew by " + (peakGrowth >> 20) + " MB at its peak");
    }

    /** Writes SIZE pseudo-random-ish bytes through one buffer; returns their SHA-256. */
    private static String writeOutput(java.nio.file.Path path) throws IOException {
        MessageDigest digest = sha256();
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(path)) {
            for (int i = 0; i < SIZE / chunk.length; i++) {
                for (int j = 0; j < chunk.length; j += 4096) chunk[j] = (byte) (i + j);
                digest.update(chunk);
                out.write(chunk);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static long heapUsed() {
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
