package dev.rgrid.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.DatabaseUrl;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.server.config.ServerConfig;
import dev.rgrid.server.testing.ServerProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live-log stream with nothing to say still sends heartbeat comments, so proxies keep it open. */
class LiveLogHeartbeatTest {

    @Test
    void an_idle_stream_sends_heartbeat_comments(@TempDir Path home) throws Exception {
        DatabaseUrl db = TestPostgres.freshEmbeddedUrl();
        ConfigSources sources = ConfigSources.of(Map.of("RGRID_DATABASE_URL", ServerProcess.databaseUrlSetting(db),
                "RGRID_HOME", home.toString()), Map.of());
        ServerConfig config = ServerConfig.builder(sources).host("127.0.0.1").port(0).dispatch(false)
                .sseHeartbeat(Duration.ofMillis(200)).build();
        try (RGridServer server = RGridServer.start(config); Database keys = Database.external(db)) {
            Http http = new Http("http://127.0.0.1:" + server.port());
            String key = keys.apiKeys().create("idle", "idle", Instant.now()).secret();
            // Dispatch is off: the execution stays queued and its stream stays open, with no lines.
            String id = http.submit(key, Multipart.python("print(1)")).json().path("id").asText();

            HttpResponse<Stream<String>> response = http.client().send(
                    http.request("/api/v1/executions/" + id + "/logs/stream", key).GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            try (Stream<String> lines = response.body()) {
                Iterator<String> it = lines.iterator();
                assertTrue(it.hasNext());
                assertEquals(": heartbeat", it.next(), "the first thing an idle stream sends is a heartbeat comment");
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
