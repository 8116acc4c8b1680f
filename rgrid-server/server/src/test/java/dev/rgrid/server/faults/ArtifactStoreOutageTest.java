package dev.rgrid.server.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.core.testing.TestS3Server;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteOptions;
import dev.rgrid.sdk.remote.RemoteRGrid;
import dev.rgrid.sdk.remote.RetryNotice;
import dev.rgrid.server.testing.ServerProcess;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 server behind the RGrid server goes away during an upload, and again while a run's outputs are collected. The
 * client retries its upload and the run goes ahead once S3 is back; the outputs wait for S3 and are all there after,
 * each record pointing at an object that serves the exact bytes.
 */
@Tag("faults")
@Tag("docker")
class ArtifactStoreOutageTest {
    private static final String BUCKET = "outage";
    @TempDir
    Path blobs;
    @TempDir
    Path files;

    @Test
    void uploads_and_outputs_wait_for_an_artifact_store_that_went_away() throws Exception {
        TestS3Server s3 = TestS3Server.start(blobs);
        int port = s3.port();
        try (ServerProcess server = ServerProcess.start(TestPostgres.freshEmbeddedUrl(), s3.environment(BUCKET))) {
            String key = server.createKey("s3-outage", "fran");
            List<RetryNotice> notices = new CopyOnWriteArrayList<>();
            try (RemoteRGrid client = RGrid.connect(RemoteOptions.builder(server.url(), key).listener(notices::add).build())) {
                byte[] data = new byte[8 * 1024 * 1024];
                new Random(7).nextBytes(data);
                Path input = Files.write(files.resolve("data.bin"), data);

                s3.close();
                CompletableFuture<Execution> submitted = CompletableFuture.supplyAsync(() -> client.submit(ExecutionSpec
                        .builder("count.py", ("import sys\nprint(len(open('data.bin', 'rb').read()))\n")
                                .getBytes(StandardCharsets.UTF_8)).input("data.bin", input).build()));
                await().atMost(Duration.ofMinutes(1)).until(() -> !notices.isEmpty());
                s3 = TestS3Server.start(blobs, port);
                Execution counted = client.await(submitted.get(2, TimeUnit.MINUTES).id(), Duration.ofMinutes(2));
                assertEquals(ExecutionStatus.SUCCEEDED, counted.status(), () -> counted + "\n" + server.output());
                assertEquals(String.valueOf(data.length), client.logs(counted.id(), LogQuery.all()).stream()
                        .filter(l -> l.text().matches("\\d+")).findFirst().orElseThrow().text());

                String writer = client.submit(ExecutionSpec.builder("write.py", ("import os, time\nprint('about to write', "
                        + "flush=True)\ntime.sleep(2)\nfor i in range(3):\n    open(os.path.join(os.environ['RGRID_OUTPUT_DIR'], "
                        + "f'part{i}.bin'), 'wb').write(bytes([i]) * 100_000)\n").getBytes(StandardCharsets.UTF_8)).build()).id();
                await().atMost(Duration.ofMinutes(2)).until(() -> client.logs(writer, LogQuery.all()).stream()
                        .anyMatch(l -> l.text().equals("about to write")));
                s3.close();
                await().atMost(Duration.ofMinutes(1)).until(() -> server.output().contains(writer + ": storing its outputs: "
                        + "the store is away"));
                s3 = TestS3Server.start(blobs, port);

                Execution wrote = client.await(writer, Duration.ofMinutes(3));
                assertEquals(ExecutionStatus.SUCCEEDED, wrote.status(), () -> wrote + "\n" + server.output());
                List<ExecutionFile> outputs = client.outputs(writer);
                assertEquals(List.of("outputs/part0.bin", "outputs/part1.bin", "outputs/part2.bin"),
                        outputs.stream().map(ExecutionFile::path).sorted().toList());
                for (int i = 0; i < 3; i++) {
                    byte[] expected = new byte[100_000];
                    java.util.Arrays.fill(expected, (byte) i);
                    try (InputStream in = client.openOutput(writer, "outputs/part" + i + ".bin")) {
                        assertArrayEquals(expected, in.readAllBytes(), "each record points at its object, whole");
                    }
                }
                assertTrue(client.logs(writer, LogQuery.all()).stream().noneMatch(l -> l.text().startsWith("Outputs could not")));
                System.out.println("faults: S3 away during an upload and during output collection; client retries "
                        + notices.size() + "; runs checked 2, outputs checked 3, missing 0");
            }
        } finally {
            s3.close();
        }
    }
}
