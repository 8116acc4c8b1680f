package dev.rgrid.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rgrid.core.store.DatabaseUrl;
import dev.rgrid.server.testing.ServerProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Health reports each part apart, answers quickly when the database is down, and recovers when it is back. */
class HealthWhenDatabaseDownTest {

    @Test
    void health_says_the_database_is_unreachable_with_503_quickly_and_recovers_when_it_is_back() throws IOException {
        Path data = Files.createTempDirectory("rgrid-health-pg");
        EmbeddedPostgres pg = start(data, 0);
        int port = pg.getPort();
        try (ServerProcess server = ServerProcess.start(
                new DatabaseUrl(pg.getJdbcUrl("postgres", "postgres"), "postgres", null), Map.of("RGRID_DISPATCH", "off"))) {
            Http http = new Http(server.url());
            String key = server.createKey("health", "health");
            assertEquals(200, http.get("/api/v1/health", null).status());

            pg.close();

            long started = System.nanoTime();
            Http.Response down = http.get("/api/v1/health", null);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(503, down.status(), down.body());
            JsonNode body = down.json();
            assertEquals("degraded", body.path("status").asText());
            assertEquals("unreachable", body.path("db").asText());
            assertEquals("docker: connected", body.path("executor").asText(), "the other parts are reported apart");
            assertEquals("up", body.path("ray").asText());
            assertEquals("up", body.path("artifacts").asText());
            assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "health answered in " + took);

            Http.Response again = http.get("/api/v1/health", null);
            assertEquals(503, again.status(), "a check still hanging is not started twice, and still answers");
            Http.Response request = http.get("/api/v1/whoami", key);
            assertEquals(503, request.status(), "other requests say the database is unavailable: " + request);
            assertEquals("store_unavailable", request.code());

            pg = start(data, port);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> http.get("/api/v1/health", null).status() == 200);
            assertEquals("connected", http.get("/api/v1/health", null).json().path("db").asText());
        } finally {
            pg.close();
            deleteTree(data);
        }
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false);
        if (port > 0) builder.setPort(port);
        return builder.start();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
