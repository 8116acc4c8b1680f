package dev.rgrid.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.DatabaseUrl;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.server.testing.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Executions end to end over HTTP: a real server process, real PostgreSQL, real Docker containers. */
class ExecutionOverHttpTest {
    private static final String SLOW_HELLO = String.join("\n",
            "import sys, time",
            "print('hello 1', flush=True)",
            "print('oops', file=sys.stderr, flush=True)",
            "time.sleep(2)",
            "print('hello 2', flush=True)",
            "print('hello 3', flush=True)");

    private static DatabaseUrl db;
    private static ServerProcess server;
    private static Http http;
    private static String key;

    @BeforeAll
    static void start() {
        db = TestPostgres.freshEmbeddedUrl();
        server = ServerProcess.start(db, Map.of());
        http = new Http(server.url());
        key = server.createKey("runner", "carol");
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static JsonNode awaitEnd(String id) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get("/api/v1/executions/" + id, key).json(), e -> e.path("finished_at").isTextual());
    }

    @Test
    void live_logs_arrive_while_the_script_runs_then_an_end_event_closes_the_stream() {
        Http.Response created = http.submit(key, Multipart.python(SLOW_HELLO));
        assertEquals(201, created.status(), created.body());
        String id = created.json().path("id").asText();

        List<SseEvent> events = SseReader.readAll(http.client(),
                http.request("/api/v1/executions/" + id + "/logs/stream?stream=both", key).GET().build());

        // stdout and stderr are captured apart, so only each stream's own order is certain.
        List<String> stdout = new ArrayList<>();
        List<String> stderr = new ArrayList<>();
        events.stream().filter(e -> e.event().equals("log")).map(e -> json(e.data()))
                .forEach(line -> (line.path("stream").asText().equals("stdout") ? stdout : stderr).add(line.path("text").asText()));
        assertEquals(List.of("hello 1", "hello 2", "hello 3"), stdout);
        assertEquals(List.of("oops"), stderr);
        SseEvent end = events.get(events.size() - 1);
        assertEquals("end", end.event());
        JsonNode execution = json(end.data());
        assertEquals("succeeded", execution.path("status").asText());
        assertEquals(0, execution.path("exit_code").asInt());
        Instant finished = Instant.parse(execution.path("finished_at").asText());
        assertTrue(events.get(0).receivedAt().isBefore(finished),
                "the first line arrived at " + events.get(0).receivedAt() + ", before the run ended at " + finished);
        for (SseEvent e : events.subList(0, events.size() - 1)) {
            assertEquals(json(e.data()).path("seq").asText(), e.id(), "each log event's id is its seq");
        }
    }

    @Test
    void a_reconnecting_stream_resumes_after_the_last_event_id() {
        String id = http.submit(key, Multipart.python(SLOW_HELLO)).json().path("id").asText();
        awaitEnd(id);
        List<SseEvent> all = SseReader.readAll(http.client(),
                http.request("/api/v1/executions/" + id + "/logs/stream", key).GET().build());
        List<SseEvent> logs = all.stream().filter(e -> e.event().equals("log")).toList();
        String secondId = logs.get(1).id();

        List<SseEvent> resumed = SseReader.readAll(http.client(), http.request("/api/v1/executions/" + id + "/logs/stream", key)
                .header("Last-Event-ID", secondId).GET().build());

        assertEquals(logs.subList(2, logs.size()).stream().map(SseEvent::id).toList(),
                resumed.stream().filter(e -> e.event().equals("log")).map(SseEvent::id).toList());
        assertEquals("end", resumed.get(resumed.size() - 1).event());
        List<SseEvent> byParam = SseReader.readAll(http.client(),
                http.request("/api/v1/executions/" + id + "/logs/stream?after=" + secondId, key).GET().build());
        assertEquals(resumed.size(), byParam.size());
    }

    @Test
    void the_log_page_keeps_stdout_and_stderr_apart_and_says_when_it_has_ended() {
        String id = http.submit(key, Multipart.python(SLOW_HELLO)).json().path("id").asText();
        awaitEnd(id);
        JsonNode stdout = http.get("/api/v1/executions/" + id + "/logs?stream=stdout", key).json();
        List<String> texts = new ArrayList<>();
        stdout.path("lines").forEach(l -> texts.add(l.path("text").asText()));
        assertEquals(List.of("hello 1", "hello 2", "hello 3"), texts);
        assertTrue(stdout.path("ended").asBoolean());
        assertEquals("succeeded", stdout.path("execution_status").asText());
        JsonNode stderr = http.get("/api/v1/executions/" + id + "/logs?stream=stderr", key).json();
        assertEquals("oops", stderr.path("lines").get(0).path("text").asText());

        JsonNode firstPage = http.get("/api/v1/executions/" + id + "/logs?stream=stdout&limit=1", key).json();
        assertEquals(1, firstPage.path("lines").size());
        assertTrue(!firstPage.path("ended").asBoolean(), "a full page is not the end");
        long next = firstPage.path("last_seq").asLong();
        JsonNode rest = http.get("/api/v1/executions/" + id + "/logs?stream=stdout&after=" + next, key).json();
        assertEquals("hello 2", rest.path("lines").get(0).path("text").asText());
    }

    @Test
    void the_same_idempotency_key_twice_creates_one_execution() {
        String idempotencyKey = UUID.randomUUID().toString();
        String tag = "idem-" + UUID.randomUUID().toString().substring(0, 8);
        Multipart body = Multipart.submission("{\"script_name\": \"job.py\", \"metadata\": {\"tag\": \"" + tag + "\"}}",
                "print('once')");
        Http.Response first = http.submit(key, body, idempotencyKey);
        Http.Response second = http.submit(key, body, idempotencyKey);
        assertEquals(201, first.status(), first.body());
        assertEquals(200, second.status(), second.body());
        assertEquals(first.json().path("id").asText(), second.json().path("id").asText());
        JsonNode listed = http.get("/api/v1/executions?metadata=tag=" + tag, key).json();
        assertEquals(1, listed.path("executions").size(), listed.toString());
    }

    @Test
    void a_running_execution_is_cancelled_over_http() {
        String id = http.submit(key, Multipart.python("import time\nprint('up', flush=True)\ntime.sleep(120)"))
                .json().path("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/api/v1/executions/" + id, key).json()
                .path("status").asText().equals("running"));
        Http.Response cancel = http.post("/api/v1/executions/" + id + "/cancel", key);
        assertEquals(200, cancel.status(), cancel.body());
        assertEquals("cancelled", awaitEnd(id).path("status").asText());
    }

    @Test
    void metrics_count_executions_by_status_after_a_run() {
        String id = http.submit(key, Multipart.python("print('counted')")).json().path("id").asText();
        awaitEnd(id);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = http.get("/metrics", key).body();
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("rgrid_executions{status=\"succeeded\"}")
                    && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 1), metrics);
            assertTrue(metrics.contains("rgrid_queue_depth"), metrics);
            assertTrue(metrics.contains("rgrid_dispatch_latency_seconds_count"), metrics);
            assertTrue(metrics.contains("rgrid_run_time_seconds_count{status=\"succeeded\"}"), metrics);
            assertTrue(metrics.contains("http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/executions\""),
                    metrics);
        });
    }

    @Test
    void an_execution_left_queued_in_the_database_is_picked_up_and_run() {
        // As a retry the reaper requeued, or one recorded while no server ran: queued, and submitted by no one here.
        String id;
        try (Database store = Database.external(db)) {
            id = store.executions().create(ExecutionSpec.builder("left.py", "print('picked up')".getBytes(StandardCharsets.UTF_8))
                    .build(), "carol", null, Instant.now()).execution().id();
        }
        JsonNode ended = awaitEnd(id);
        assertEquals("succeeded", ended.path("status").asText(), ended.toString());
        JsonNode logs = http.get("/api/v1/executions/" + id + "/logs?stream=stdout", key).json();
        assertEquals("picked up", logs.path("lines").get(0).path("text").asText());
    }

    @Test
    void runtimes_and_engine_info_describe_the_server() {
        JsonNode runtimes = http.get("/api/v1/runtimes", key).json().path("runtimes");
        assertTrue(runtimes.size() > 0);
        JsonNode first = runtimes.get(0);
        assertEquals("python3.11", first.path("name").asText());
        assertTrue(first.path("is_default").asBoolean());
        JsonNode info = http.get("/api/v1/info", key).json();
        assertEquals("container", info.path("isolation").asText());
        assertTrue(!info.path("database").asText().contains("password=") || info.path("database").asText().contains("***"));
    }

    private static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
