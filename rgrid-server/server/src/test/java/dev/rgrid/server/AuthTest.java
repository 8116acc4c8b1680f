package dev.rgrid.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.server.testing.ServerProcess;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthTest {
    private static ServerProcess server;
    private static Http http;
    private static String aliceKey;

    @BeforeAll
    static void start() {
        server = ServerProcess.start(TestPostgres.freshEmbeddedUrl(), Map.of("RGRID_DISPATCH", "off"));
        http = new Http(server.url());
        aliceKey = server.createKey("alice-laptop", "alice");
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void the_root_and_health_answer_without_a_key() {
        Http.Response root = http.get("/", null);
        assertEquals(200, root.status(), root.body());
        assertEquals("rgrid", root.json().path("service").asText());
        assertEquals("0.1.0-SNAPSHOT", root.json().path("version").asText());
        Http.Response health = http.get("/api/v1/health", null);
        assertEquals(200, health.status(), health.body());
        assertEquals("ok", health.json().path("status").asText());
        assertEquals("connected", health.json().path("db").asText());
        assertEquals("docker: connected", health.json().path("executor").asText());
        assertEquals("up", health.json().path("ray").asText());
        assertEquals("up", health.json().path("artifacts").asText());
        assertTrue(health.json().path("artifact_store").asText().startsWith("directory "), health.body());
    }

    @Test
    void a_request_without_a_key_is_refused_with_401_and_how_to_send_one() {
        Http.Response r = http.get("/api/v1/executions", null);
        assertEquals(401, r.status(), r.body());
        assertEquals("unauthorized", r.code());
        assertNotNull(r.header("WWW-Authenticate"));
        assertTrue(r.json().path("error").path("hint").asText().contains("Authorization: Bearer"), r.body());
    }

    @Test
    void an_unknown_key_is_refused_with_401() {
        Http.Response r = http.get("/api/v1/whoami", "rgk_NotAKeyNotAKeyNotAKeyNotAKeyNotAKey1234");
        assertEquals(401, r.status(), r.body());
        assertEquals("unauthorized", r.code());
    }

    @Test
    void a_key_works_as_bearer_token_and_as_x_api_key() {
        Http.Response bearer = http.get("/api/v1/whoami", aliceKey);
        assertEquals(200, bearer.status(), bearer.body());
        assertEquals("alice", bearer.json().path("owner").asText());
        assertEquals("alice-laptop", bearer.json().path("key_name").asText());
        Http.Response header = http.send(http.request("/api/v1/whoami").header("X-API-Key", aliceKey).GET());
        assertEquals(200, header.status(), header.body());
        assertEquals("alice", header.json().path("owner").asText());
    }

    @Test
    void a_revoked_key_stops_working_at_once() {
        String key = server.createKey("bob-ci", "bob");
        assertEquals(200, http.get("/api/v1/whoami", key).status());
        server.revokeKey("bob-ci");
        Http.Response after = http.get("/api/v1/whoami", key);
        assertEquals(401, after.status(), after.body());
    }

    @Test
    void metrics_and_the_api_description_need_a_key_too() {
        assertEquals(401, http.get("/metrics", null).status());
        assertEquals(401, http.get("/api/v1/openapi.yaml", null).status());
        Http.Response yaml = http.get("/api/v1/openapi.yaml", aliceKey);
        assertEquals(200, yaml.status());
        assertTrue(yaml.body().startsWith("openapi: 3"), yaml.body());
    }
}
