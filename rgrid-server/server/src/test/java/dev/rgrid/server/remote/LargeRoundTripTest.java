package dev.rgrid.server.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.artifact.Sha256;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.testing.HeapWatch;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.core.testing.TestS3Process;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteRGrid;
import dev.rgrid.server.testing.RemoteMemory;
import dev.rgrid.server.testing.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 MB in and 500 MB out through a real server (dispatch on, real Docker, -Xmx256m) whose artifact store
 * is S3 (s3proxy, in a JVM of its own): the heap of neither the client (this JVM) nor the server (through
 * JMX) grows by more than {@value #MAX_HEAP_GROWTH_MB} MB, sampled every second during upload, run and download.
 */
@Tag("slow")
class LargeRoundTripTest {
    private static final long SIZE = 524_288_000L;
    private static final long MB = 1024 * 1024;
    private static final long MAX_HEAP_GROWTH_MB = 64;
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);

    /** Prints the input's size and writes it back with every byte plus one (mod 256), streamed. */
    private static final String SCRIPT = """
            import os
            print(os.path.getsize('big.dat'), flush=True)
            table = bytes((b + 1) % 256 for b in range(256))
            with open('big.dat', 'rb') as src, open(os.path.join(os.environ['RGRID_OUTPUT_DIR'], 'big.out'), 'wb') as dst:
                while True:
                    chunk = src.read(1 << 20)
                    if not chunk:
                        break
                    dst.write(chunk.translate(table))
            """;

    @TempDir Path dir;
    @TempDir Path blobs;

    @Test
    void five_hundred_megabytes_go_in_and_come_out_through_the_server_with_flat_heaps_on_both_sides() throws Exception {
        Path input = dir.resolve("big.dat");
        Expected expected = write(input);
        int jmxPort = RemoteMemory.freePort();
        ExecutionSpec spec = ExecutionSpec.builder("roundtrip.py", SCRIPT.getBytes(StandardCharsets.UTF_8))
                .input("big.dat", input)
                .limits(new Limits(Limits.DEFAULT_MEMORY_MB, Limits.DEFAULT_CPUS, Duration.ofMinutes(10), Limits.DEFAULT_PIDS_LIMIT))
                .build();

        try (TestS3Process s3 = TestS3Process.start(blobs)) {
            Map<String, String> env = new HashMap<>(s3.environment("roundtrip"));
            env.put("JAVA_TOOL_OPTIONS", "-Xmx256m " + RemoteMemory.jvmOptions(jmxPort));
            try (ServerProcess server = ServerProcess.start(TestPostgres.freshEmbeddedUrl(), env);
                 RemoteMemory serverJvm = RemoteMemory.connect(jmxPort);
                 RemoteRGrid rgrid = RGrid.connect(server.url(), server.createKey("big", "big"));
                 HeapWatch serverHeap = new HeapWatch(serverJvm.memory()).sampleEvery(SAMPLE_EVERY);
                 HeapWatch clientHeap = new HeapWatch(ManagementFactory.getMemoryMXBean()).sampleEvery(SAMPLE_EVERY)) {
                Path output = dir.resolve("big.out");
                long t0 = System.nanoTime();
                Execution submitted = rgrid.submit(spec);
                long t1 = System.nanoTime();
                Execution done = rgrid.await(submitted.id(), Duration.ofMinutes(10));
                long t2 = System.nanoTime();
                String downloaded = download(rgrid.openOutput(done.id(), "outputs/big.out"), output);
                long t3 = System.nanoTime();
                serverHeap.close(); // sampled up to here; closing again at the end does nothing
                clientHeap.close();

                assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + server.output());
                String stdout = String.join("\n", rgrid.logs(done.id(), LogQuery.all()).stream().map(LogLine::text).toList());
                assertTrue(stdout.contains(Long.toString(SIZE)), "the script saw the whole input: " + stdout);
                assertEquals(SIZE, Files.size(output));
                assertEquals(expected.output(), downloaded, "the output came back byte for byte");
                assertTrue(server.output().contains("Picked up JAVA_TOOL_OPTIONS: -Xmx256m"), server::output);

                System.out.printf("[LargeRoundTripTest] 500 MB: submit (hash and upload) %.1f s (%.0f MB/s), run %.1f s, "
                                + "download %.1f s (%.0f MB/s)%n",
                        seconds(t1 - t0), SIZE / MB / seconds(t1 - t0), seconds(t2 - t1), seconds(t3 - t2),
                        SIZE / MB / seconds(t3 - t2));
                System.out.printf("[LargeRoundTripTest] peak retained heap growth, client: "
                        + "%s; server (-Xmx256m): %s%n", phases(clientHeap, t0, t1, t2, t3), phases(serverHeap, t0, t1, t2, t3));
                assertTrue(clientHeap.samples().size() >= 3 && serverHeap.samples().size() >= 3, "sampled throughout");
                assertTrue(clientHeap.peakGrowthBytes() < MAX_HEAP_GROWTH_MB * MB,
                        "the client's heap grew by " + clientHeap.peakGrowthBytes() + " bytes");
                assertTrue(serverHeap.peakGrowthBytes() < MAX_HEAP_GROWTH_MB * MB,
                        "the server's heap grew by " + serverHeap.peakGrowthBytes() + " bytes");
            }
        }
    }

    /** The input's and the expected output's SHA-256 (hex). */
    private record Expected(String input, String output) {}

    /** Writes {@link #SIZE} seeded random bytes to {@code file}; returns its digest and that of the script's output. */
    private static Expected write(Path file) throws IOException {
        MessageDigest in = Sha256.digest();
        MessageDigest out = Sha256.digest();
        Random random = new Random(42);
        byte[] block = new byte[(int) MB];
        byte[] shifted = new byte[block.length];
        try (OutputStream os = Files.newOutputStream(file)) {
            for (long written = 0; written < SIZE; written += block.length) {
                random.nextBytes(block);
                for (int i = 0; i < block.length; i++) shifted[i] = (byte) (block[i] + 1);
                os.write(block);
                in.update(block);
                out.update(shifted);
            }
        }
        return new Expected(Sha256.hex(in.digest()), Sha256.hex(out.digest()));
    }

    /** Streams {@code content} to {@code file}; returns its SHA-256. */
    private static String download(InputStream content, Path file) throws IOException {
        MessageDigest digest = Sha256.digest();
        try (InputStream in = content; OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            in.transferTo(out);
        }
        return Sha256.hex(digest.digest());
    }

    private static String phases(HeapWatch heap, long t0, long t1, long t2, long t3) {
        return String.format("%.1f MB (upload %.1f, run %.1f, download %.1f; %d samples)", heap.peakGrowthBytes() / (double) MB,
                heap.peakGrowthBytes(t0, t1) / (double) MB, heap.peakGrowthBytes(t1, t2) / (double) MB,
                heap.peakGrowthBytes(t2, t3) / (double) MB, heap.samples().size());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
