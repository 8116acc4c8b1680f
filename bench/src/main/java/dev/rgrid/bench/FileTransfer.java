package dev.rgrid.bench;

import dev.rgrid.core.artifact.S3Settings;
import dev.rgrid.core.artifact.Sha256;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteRGrid;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * 500 MB up and down through a real server (-Xmx256m) whose artifact store is S3 (s3proxy over a temporary
 * directory in this JVM), against a MinIO client putting and getting the same bytes straight to the same
 * store, in the same run. Up: {@code PUT /api/v1/inputs/{sha256}} (streamed to a temporary object, checked,
 * then copied to its key) against one {@code putObject}, new content each round. Down: the SDK's
 * {@code openOutput} of a run's output (the server answers 302 to a presigned URL) against one
 * {@code getObject}; both write what they download to disk and hash it. {@value #ROUNDS} rounds, the two
 * ways alternating which goes first, medians compared. The server's heap is sampled through JMX throughout.
 */
final class FileTransfer {
    private static final long SIZE = 500L * 1024 * 1024;
    private static final long WARM_UP_SIZE = 64L * 1024 * 1024;
    private static final double MB = 1024 * 1024;
    private static final double TARGET_RATIO = 0.7;
    private static final int ROUNDS = 3;
    private static final String BUCKET = "bench";
    private static final String COPY_SCRIPT = """
            import os, shutil
            shutil.copyfile('big.dat', os.path.join(os.environ['RGRID_OUTPUT_DIR'], 'big.dat'))
            """;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Result measure() throws Exception {
        Path dir = Files.createTempDirectory("rgrid-bench-files");
        try {
            return measure(dir);
        } finally {
            deleteTree(dir);
        }
    }

    private Result measure(Path dir) throws Exception {
        Path warm = dir.resolve("warm.dat");
        String warmSha = write(warm, WARM_UP_SIZE, 0);
        Files.createDirectories(dir.resolve("blobs"));
        int jmxPort = ServerHeap.freePort();
        try (BenchS3 s3 = BenchS3.start(dir.resolve("blobs"))) {
            Map<String, String> env = new HashMap<>(s3.environment(BUCKET));
            env.put("JAVA_TOOL_OPTIONS", "-Xmx256m " + ServerHeap.jvmOptions(jmxPort));
            try (ServerUnderTest server = ServerUnderTest.start(env);
                 RemoteRGrid rgrid = RGrid.connect(server.url(), server.apiKey());
                 ServerHeap heap = ServerHeap.watch(jmxPort)) {
                MinioClient direct = s3.client();
                directPut(direct, "direct/warm", warm);
                directGet(direct, "direct/warm", dir.resolve("warm.direct"));
                serverPut(server, warm, warmSha);

                Path big = dir.resolve("big.dat");
                String sha = "";
                Rates up = new Rates();
                for (int round = 0; round < ROUNDS; round++) {
                    // new content each round: the server stores content it already holds only once
                    sha = write(big, SIZE, round + 1);
                    String bigSha = sha;
                    String key = "direct/big" + round;
                    Transfer viaDirect = () -> directPut(direct, key, big);
                    Transfer viaServer = () -> serverPut(server, big, bigSha);
                    up.measure(round, viaDirect, viaServer);
                }
                double copy = seconds(() -> directCopy(direct, "direct/big0", "direct/big0-copy"));
                String id = runCopy(rgrid, big);
                String lastSha = sha;
                Rates down = new Rates();
                for (int round = 0; round < ROUNDS; round++) {
                    String key = "direct/big" + (ROUNDS - 1);
                    down.measure(round, () -> check(lastSha, directGet(direct, key, dir.resolve("big.direct"))),
                            () -> check(lastSha, sdkGet(rgrid, id, dir.resolve("big.server"))));
                }
                long heapGrowth = heap.peakGrowthBytes();
                double upRatio = up.server() / up.direct();
                double downRatio = down.server() / down.direct();
                return new Result("500 MB files through the server (S3 store, server -Xmx256m; median of " + ROUNDS + ")",
                        String.format("upload %.0f MB/s (PUT /api/v1/inputs), download %.0f MB/s (SDK openOutput: 302 to a "
                                + "presigned URL); server heap peak growth %.1f MB", up.server(), down.server(), heapGrowth / MB),
                        String.format("MinIO client straight to the same S3: put %.0f MB/s, get %.0f MB/s (a server-side copy, "
                                + "which the server's upload ends with, takes %.1f s)", up.direct(), down.direct(), copy),
                        String.format("ratio through-server/direct: upload %.2f, download %.2f", upRatio, downRatio),
                        String.format(">= %.1f of direct both ways, server heap growth < 64 MB", TARGET_RATIO),
                        upRatio >= TARGET_RATIO && downRatio >= TARGET_RATIO && heapGrowth < 64 * MB);
            }
        }
    }

    /** MB/s of each way, one sample per round, the two ways alternating which goes first. */
    private static final class Rates {
        private final List<Double> direct = new ArrayList<>();
        private final List<Double> server = new ArrayList<>();

        void measure(int round, Transfer viaDirect, Transfer viaServer) throws Exception {
            if (round % 2 == 0) {
                direct.add(SIZE / MB / seconds(viaDirect));
                server.add(SIZE / MB / seconds(viaServer));
            } else {
                server.add(SIZE / MB / seconds(viaServer));
                direct.add(SIZE / MB / seconds(viaDirect));
            }
        }

        double direct() { return median(direct); }

        double server() { return median(server); }

        private static double median(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return sorted.get(sorted.size() / 2);
        }
    }

    private static void directPut(MinioClient client, String key, Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            client.putObject(PutObjectArgs.builder().bucket(BUCKET).object(key)
                    .stream(in, Files.size(file), S3Settings.DEFAULT_PART_SIZE_BYTES).build());
        }
    }

    private static void directCopy(MinioClient client, String from, String to) throws Exception {
        client.copyObject(CopyObjectArgs.builder().bucket(BUCKET).object(to)
                .source(CopySource.builder().bucket(BUCKET).object(from).build()).build());
    }

    private static String directGet(MinioClient client, String key, Path file) throws Exception {
        return save(client.getObject(GetObjectArgs.builder().bucket(BUCKET).object(key).build()), file);
    }

    private void serverPut(ServerUnderTest server, Path file, String sha) throws Exception {
        HttpRequest put = HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/inputs/" + sha))
                .header("Authorization", "Bearer " + server.apiKey()).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file)).build();
        HttpResponse<String> r = http.send(put, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
    }

    /** Runs a script that copies the (already uploaded) input to an output; returns the execution's id. */
    private static String runCopy(RemoteRGrid rgrid, Path input) {
        Execution e = rgrid.submit(ExecutionSpec.builder("copy.py", COPY_SCRIPT.getBytes(StandardCharsets.UTF_8))
                .input("big.dat", input).build());
        Execution done = rgrid.await(e.id(), Duration.ofMinutes(10));
        if (done.status() != ExecutionStatus.SUCCEEDED) throw new IllegalStateException("the copy run ended " + done);
        return done.id();
    }

    private static String sdkGet(RemoteRGrid rgrid, String id, Path file) throws IOException {
        return save(rgrid.openOutput(id, "outputs/big.dat"), file);
    }

    private static String save(InputStream content, Path file) throws IOException {
        MessageDigest digest = Sha256.digest();
        try (InputStream in = content; OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            in.transferTo(out);
        }
        return Sha256.hex(digest.digest());
    }

    private static void check(String expected, String actual) {
        if (!expected.equals(actual)) throw new IllegalStateException("downloaded " + actual + ", expected " + expected);
    }

    /** {@code size} seeded random bytes; returns their SHA-256. */
    private static String write(Path file, long size, long seed) throws IOException {
        MessageDigest digest = Sha256.digest();
        Random random = new Random(seed);
        byte[] block = new byte[1024 * 1024];
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            for (long written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        return Sha256.hex(digest.digest());
    }

    private interface Transfer {
        void run() throws Exception;
    }

    private static double seconds(Transfer transfer) throws Exception {
        long started = System.nanoTime();
        transfer.run();
        return (System.nanoTime() - started) / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
