package dev.rgrid.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.core.wire.WireJson;
import dev.rgrid.server.testing.RawHttp;
import dev.rgrid.server.testing.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Ten thousand generated malformed and hostile requests against a real server (real PostgreSQL, real HTTP, one
 * connection each) at every route: none may answer 5xx, every error must be the structured body, another owner's
 * execution is never served, and afterwards the server is healthy and holds exactly the executions the accepted
 * requests created — a refused request records nothing. The figures are printed for the README.
 */
@Tag("fuzz")
class ApiFuzzTest {
    static final int TRIES = 10_000;
    private static final ObjectMapper JSON = WireJson.mapper();

    private static ServerProcess server;
    private static String key;
    private static HostileRequests requests;
    private static List<String> othersIds;
    private static int ownBefore;
    private static final AtomicInteger sent = new AtomicInteger();
    private static final AtomicInteger created = new AtomicInteger();
    private static final AtomicInteger deleted = new AtomicInteger();
    private static final Map<String, AtomicInteger> byRoute = new ConcurrentHashMap<>();
    private static final Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();

    @BeforeContainer
    static void start() {
        server = ServerProcess.start(TestPostgres.freshEmbeddedUrl(), Map.of("RGRID_DISPATCH", "off",
                "RGRID_MAX_REQUEST_BYTES", "256k"));
        key = server.createKey("fuzzer", "fuzzer");
        String other = server.createKey("victim", "victim");
        List<String> own = new ArrayList<>();
        for (int i = 0; i < 3; i++) own.add(submit(key));
        othersIds = List.of(submit(other), submit(other));
        requests = new HostileRequests(key, own, othersIds);
        ownBefore = countOwn();
    }

    @AfterContainer
    static void stop() {
        if (server != null) server.close();
    }

    @Provide
    Arbitrary<HostileRequest> hostile() {
        return requests.any();
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED, afterFailure = AfterFailureMode.RANDOM_SEED)
    void no_request_gets_a_server_error_or_an_unstructured_answer(@ForAll("hostile") HostileRequest request) {
        RawHttp.Answer answer = RawHttp.send(server.url(), RawHttp.request(request.requestLine(), host(), request.headers(),
                request.body()));
        sent.incrementAndGet();
        byRoute.computeIfAbsent(request.route(), r -> new AtomicInteger()).incrementAndGet();
        byStatus.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();

        assertTrue(answer.status() < 500, () -> "5xx for\n" + request + "\n->\n" + answer.headers() + "\n" + answer.body());
        if (answer.status() >= 400 && !request.method().equals("HEAD")) {
            JsonNode error = parse(answer.body()).path("error");
            assertTrue(error.path("code").isTextual() && error.path("message").isTextual(),
                    () -> "unstructured error for\n" + request + "\n->\n" + answer.headers() + "\n" + answer.body());
        }
        String target = new String(request.target(), StandardCharsets.ISO_8859_1);
        if (answer.status() < 300 && othersIds.stream().anyMatch(target::contains)) {
            throw new AssertionError("another owner's execution was served for\n" + request + "\n->\n" + answer.body());
        }
        if (answer.status() == 201 && request.creates()) created.incrementAndGet();
        if (answer.status() == 200 && request.deletes() && target.startsWith("/api/v1/executions/")) deleted.incrementAndGet();
    }

    @AfterProperty
    void the_server_is_healthy_and_holds_only_what_it_accepted() throws IOException {
        System.out.println("API fuzzing: " + sent + " requests to " + byRoute.size() + " routes; by status " + new TreeMap<>(
                byStatus.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())))
                + "; 5xx 0; executions created by accepted requests " + created + ", deleted " + deleted
                + ", created by refused requests 0");
        System.out.println("API fuzzing by route: " + new TreeMap<>(byRoute));
        RawHttp.Answer health = RawHttp.send(server.url(), RawHttp.request("GET /api/v1/health HTTP/1.1", host(), "", new byte[0]));
        assertEquals(200, health.status(), health.body());
        assertEquals("ok", parse(health.body()).path("status").asText(), health.body());
        assertTrue(server.isAlive(), server::output);
        assertEquals(ownBefore + created.get() - deleted.get(), countOwn(),
                "executions recorded = those the accepted requests created (created " + created + ", deleted " + deleted + ")");
        assertFalse(server.output().contains("failed unexpectedly"), "the server logged no unexpected failure:\n"
                + server.output());
        Set<String> served = servedRoutes();
        assertEquals(served, new TreeSet<>(byRoute.keySet()), "every route of openapi.yaml was fuzzed");
        for (Map.Entry<String, AtomicInteger> e : byRoute.entrySet()) {
            assertTrue(e.getValue().get() >= TRIES / HostileRequests.ROUTES.size() / 3, "too few for " + e.getKey());
        }
    }

    private static String host() {
        return URI.create(server.url()).getAuthority();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static String submit(String apiKey) {
        String b = "x";
        String body = "--" + b + "\r\nContent-Disposition: form-data; name=\"spec\"\r\n\r\n{\"script_name\": \"job.py\"}\r\n--" + b
                + "\r\nContent-Disposition: form-data; name=\"script\"; filename=\"job.py\"\r\n\r\nprint(1)\r\n--" + b + "--\r\n";
        RawHttp.Answer a = RawHttp.send(server.url(), RawHttp.request("POST /api/v1/executions HTTP/1.1", host(),
                "Authorization: Bearer " + apiKey + "\r\nContent-Type: multipart/form-data; boundary=" + b + "\r\n",
                body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, a.status(), a.body());
        return parse(a.body()).path("id").asText();
    }

    private static int countOwn() {
        int count = 0;
        String next = "0";
        while (next != null) {
            RawHttp.Answer a = RawHttp.send(server.url(), RawHttp.request("GET /api/v1/executions?limit=500&offset=" + next
                    + " HTTP/1.1", host(), "Authorization: Bearer " + key + "\r\n", new byte[0]));
            JsonNode page = parse(a.body());
            count += page.path("executions").size();
            next = page.path("next_offset").isNumber() ? page.path("next_offset").asText() : null;
        }
        return count;
    }

    /** The routes the server describes in its openapi.yaml, as {@code METHOD /path}. */
    private static Set<String> servedRoutes() throws IOException {
        RawHttp.Answer a = RawHttp.send(server.url(), RawHttp.request("GET /api/v1/openapi.yaml HTTP/1.1", host(),
                "Authorization: Bearer " + key + "\r\n", new byte[0]));
        JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(a.body()).path("paths");
        Set<String> routes = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            path.getValue().fieldNames().forEachRemaining(m -> routes.add(m.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey()));
        }
        return routes;
    }
}
