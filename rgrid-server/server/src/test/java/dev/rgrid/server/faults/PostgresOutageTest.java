package dev.rgrid.server.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.core.store.DatabaseUrl;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RetryNotice;
import dev.rgrid.sdk.remote.RemoteOptions;
import dev.rgrid.sdk.remote.RemoteRGrid;
import dev.rgrid.server.testing.ServerProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's PostgreSQL stops for 30 s, then comes back, while a run streams its output and a client submits another:
 * the run's lines are all stored, in order and once, the run keeps its one attempt (its lease is not taken for dead
 * because nobody could write), the submission is retried by the client and recorded once, and both end succeeded.
 */
@Tag("faults")
@Tag("docker")
class PostgresOutageTest {
    /** The fault: how long the database is away. */
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    @TempDir
    Path dir;

    private EmbeddedPostgres postgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    @Test
    void a_thirty_second_database_outage_loses_no_line_no_run_and_no_submission() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = Files.createDirectories(dir.resolve("pg"));
        EmbeddedPostgres pg = postgres(data, port);
        DatabaseUrl db = new DatabaseUrl(pg.getJdbcUrl("postgres", "postgres"), "postgres", null);
        try (ServerProcess server = ServerProcess.start(db, Map.of("RGRID_HEARTBEAT_INTERVAL", "2s"))) {
            String key = server.createKey("outage", "erin");
            List<RetryNotice> notices = new CopyOnWriteArrayList<>();
            try (RemoteRGrid client = RGrid.connect(RemoteOptions.builder(server.url(), key).listener(notices::add).build())) {
                String streaming = client.submit(ExecutionSpec.builder("stream.py", ("import time\nfor i in range(600):\n"
                        + "    print(i, flush=True)\n    time.sleep(0.1)\nprint('END')\n").getBytes(StandardCharsets.UTF_8))
                        .build()).id();
                await().atMost(Duration.ofMinutes(2)).until(() -> client.logs(streaming, LogQuery.all()).size() > 20);

                pg.close();
                CompletableFuture<String> submitted = CompletableFuture.supplyAsync(() -> client.submit(ExecutionSpec
                        .builder("late.py", "print('submitted during the outage')".getBytes(StandardCharsets.UTF_8)).build()).id());
                Thread.sleep(OUTAGE.toMillis()); // the fault itself: the database stays away this long
                pg = postgres(data, port);

                String late = submitted.get(2, TimeUnit.MINUTES);
                Execution done = client.await(streaming, Duration.ofMinutes(3));
                assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + server.output());
                assertEquals(1, done.attempt(), () -> "the outage did not cost the run its lease: " + client.attempts(streaming));
                List<String> stdout = client.logs(streaming, new LogQuery(0, java.util.Set.of(LogStream.STDOUT), 10_000))
                        .stream().map(LogLine::text).toList();
                List<String> expected = new java.util.ArrayList<>(IntStream.range(0, 600).mapToObj(String::valueOf).toList());
                expected.add("END");
                assertEquals(expected, stdout, "every line stored, in order, once");

                Execution lateDone = client.await(late, Duration.ofMinutes(2));
                assertEquals(ExecutionStatus.SUCCEEDED, lateDone.status(), lateDone::toString);
                assertTrue(!notices.isEmpty(), "the client said it was retrying");
                List<Execution> all = client.list(ExecutionQuery.recent());
                assertEquals(2, all.size(), "the retried submission was recorded once: " + all);
                assertTrue(all.stream().allMatch(Execution::isFinal));
                System.out.println("faults: PostgreSQL stopped " + OUTAGE.toSeconds() + " s mid-run; client retries "
                        + notices.size() + "; runs checked 2, lines checked " + stdout.size() + ", lost 0, doubled 0");
            }
        } finally {
            pg.close();
        }
    }
}
