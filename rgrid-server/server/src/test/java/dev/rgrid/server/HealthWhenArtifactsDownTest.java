package dev.rgrid.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.core.testing.TestS3Server;
import dev.rgrid.server.testing.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health reports the real artifact store: S3 that stops answering makes it 503 "down", and it recovers. */
class HealthWhenArtifactsDownTest {
    private static final String BUCKET = "health";

    @TempDir Path blobs;

    @Test
    void health_says_the_artifact_store_is_down_with_503_when_s3_stops_answering_and_recovers() throws Exception {
        TestS3Server s3 = TestS3Server.start(blobs);
        int port = s3.port();
        String description = "s3://" + BUCKET + " at " + s3.endpoint();
        Map<String, String> env = new HashMap<>(s3.environment(BUCKET));
        env.put("RGRID_DISPATCH", "off");
        try (ServerProcess server = ServerProcess.start(TestPostgres.freshEmbeddedUrl(), env)) {
            Http http = new Http(server.url());
            Http.Response up = http.get("/api/v1/health", null);
            assertEquals(200, up.status(), up.body());
            assertEquals("up", up.json().path("artifacts").asText());
            assertEquals(description, up.json().path("artifact_store").asText());

            s3.close(); // nobody listens on the configured endpoint now

            long started = System.nanoTime();
            Http.Response down = http.get("/api/v1/health", null);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(503, down.status(), down.body());
            JsonNode body = down.json();
            assertEquals("degraded", body.path("status").asText());
            assertEquals("down", body.path("artifacts").asText());
            assertEquals(description, body.path("artifact_store").asText(), "names the store that is down");
            assertEquals("connected", body.path("db").asText(), "the other parts are reported apart");
            assertEquals("up", body.path("ray").asText());
            assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "health answered in " + took);

            s3 = TestS3Server.start(blobs, port);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> http.get("/api/v1/health", null).status() == 200);
            assertEquals("up", http.get("/api/v1/health", null).json().path("artifacts").asText());
        } finally {
            s3.close();
        }
    }
}
