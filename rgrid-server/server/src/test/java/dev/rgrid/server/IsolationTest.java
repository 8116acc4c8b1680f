package dev.rgrid.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.server.testing.ServerProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two owners on one server: each sees only their own executions; the other's ids answer 404, like missing ones. */
class IsolationTest {
    private static ServerProcess server;
    private static Http http;
    private static String alice;
    private static String bob;

    @BeforeAll
    static void start() {
        // Dispatch off: executions stay queued, which is all isolation needs.
        server = ServerProcess.start(TestPostgres.freshEmbeddedUrl(), Map.of("RGRID_DISPATCH", "off"));
        http = new Http(server.url());
        alice = server.createKey("alice-key", "alice");
        bob = server.createKey("bob-key", "bob");
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static String submit(String key) {
        Http.Response r = http.submit(key, Multipart.python("print('mine')"));
        assertEquals(201, r.status(), r.body());
        return r.json().path("id").asText();
    }

    @Test
    void another_owners_execution_logs_and_cancel_answer_404() {
        String id = submit(alice);
        for (Http.Response r : List.of(http.get("/api/v1/executions/" + id, bob),
                http.get("/api/v1/executions/" + id + "/logs", bob),
                http.get("/api/v1/executions/" + id + "/logs/stream", bob),
                http.post("/api/v1/executions/" + id + "/cancel", bob))) {
            assertEquals(404, r.status(), r.body());
            assertEquals("execution_not_found", r.code());
        }
        Http.Response own = http.get("/api/v1/executions/" + id, alice);
        assertEquals(200, own.status());
        assertEquals("queued", own.json().path("status").asText(), "bob's cancel did not touch it");
        assertEquals("alice", own.json().path("owner").asText());
    }

    @Test
    void another_owners_id_answers_exactly_like_a_missing_one() {
        String id = submit(alice);
        Http.Response other = http.get("/api/v1/executions/" + id, bob);
        Http.Response missing = http.get("/api/v1/executions/exec_doesnotexist0000", bob);
        assertEquals(missing.status(), other.status());
        assertEquals(missing.json().path("error").path("message"), other.json().path("error").path("message"));
    }

    @Test
    void each_owner_lists_only_their_own_executions() {
        String a = submit(alice);
        String b = submit(bob);
        List<String> alices = ids(http.get("/api/v1/executions?limit=1000", alice).json());
        List<String> bobs = ids(http.get("/api/v1/executions?limit=1000", bob).json());
        assertTrue(alices.contains(a) && !alices.contains(b), alices.toString());
        assertTrue(bobs.contains(b) && !bobs.contains(a), bobs.toString());
    }

    @Test
    void an_owner_cancels_their_own_queued_execution() {
        String id = submit(alice);
        Http.Response r = http.post("/api/v1/executions/" + id + "/cancel", alice);
        assertEquals(200, r.status(), r.body());
        assertEquals("cancelled", r.json().path("status").asText());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("executions").forEach(e -> ids.add(e.path("id").asText()));
        return ids;
    }
}
