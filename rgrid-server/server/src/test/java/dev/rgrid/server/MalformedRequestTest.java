package dev.rgrid.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.server.testing.RawHttp;
import dev.rgrid.server.testing.ServerProcess;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input answers 4xx with the JSON error body naming the field at fault; never 5xx, never a stack trace. */
class MalformedRequestTest {
    private static final int LIMIT = 64 * 1024;
    private static ServerProcess server;
    private static Http http;
    private static String key;

    @BeforeAll
    static void start() {
        server = ServerProcess.start(TestPostgres.freshEmbeddedUrl(),
                Map.of("RGRID_DISPATCH", "off", "RGRID_MAX_REQUEST_BYTES", "64k"));
        http = new Http(server.url());
        key = server.createKey("tester", "tester");
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static void assertRefused(Http.Response r, int status, String code, String field) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.code(), r.body());
        assertEquals(field, r.field(), r.body());
        assertNotNull(r.json().path("error").path("message").asText(null), r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), "no stack trace: " + r.body());
    }

    @Test
    void a_spec_that_is_not_json_is_refused_naming_the_spec() {
        Http.Response r = http.submit(key, Multipart.submission("{\"script_name\": ", "print(1)"));
        assertRefused(r, 400, "invalid_spec", "spec");
        assertTrue(r.json().path("error").path("hint").asText().contains("script_name"), r.body());
    }

    @Test
    void a_spec_field_of_the_wrong_type_is_named() {
        Http.Response r = http.submit(key, Multipart.submission("{\"script_name\": \"a.py\", \"limits\": {\"memory_mb\": \"lots\"}}", "1"));
        assertRefused(r, 400, "invalid_spec", "spec.limits.memory_mb");
    }

    @Test
    void a_missing_script_part_is_refused() {
        Http.Response r = http.submit(key, new Multipart().field("spec", "{\"script_name\": \"a.py\"}"));
        assertRefused(r, 400, "missing_part", "script");
    }

    @Test
    void a_missing_spec_part_is_refused() {
        Http.Response r = http.submit(key, new Multipart().file("script", "a.py", "print(1)".getBytes(StandardCharsets.UTF_8)));
        assertRefused(r, 400, "missing_part", "spec");
    }

    @Test
    void limits_out_of_range_are_refused_with_a_hint() {
        Http.Response r = http.submit(key, Multipart.submission("{\"script_name\": \"a.py\", \"limits\": {\"memory_mb\": 1}}", "1"));
        assertRefused(r, 400, "invalid_limit", "spec.limits");
        assertTrue(r.json().path("error").path("hint").asText().contains("16 MB"), r.body());
    }

    @Test
    void an_unknown_runtime_is_refused_listing_the_known_ones() {
        Http.Response r = http.submit(key, Multipart.submission("{\"script_name\": \"a.py\", \"runtime\": \"cobol85\"}", "1"));
        assertRefused(r, 400, "unknown_runtime", "spec.runtime");
        assertTrue(r.json().path("error").path("hint").asText().contains("python3.11"), r.body());
    }

    @Test
    void a_script_name_with_a_directory_is_refused() {
        Http.Response r = http.submit(key, Multipart.submission("{\"script_name\": \"../etc/passwd\"}", "1"));
        assertRefused(r, 400, "invalid_script_name", "spec.script_name");
    }

    @Test
    void a_body_that_is_not_multipart_is_refused() {
        Http.Response r = http.send(http.request("/api/v1/executions", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"script_name\": \"a.py\"}")));
        assertRefused(r, 400, "not_multipart", "Content-Type");
    }

    @Test
    void an_idempotency_key_that_is_too_long_is_refused() {
        Http.Response r = http.submit(key, Multipart.python("1"), "k".repeat(129));
        assertRefused(r, 400, "invalid_idempotency_key", null);
    }

    @Test
    void a_body_over_the_limit_answers_413() {
        Multipart big = Multipart.submission("{\"script_name\": \"a.py\"}", "#".repeat(LIMIT + 1));
        assertRefused(http.submit(key, big), 413, "request_too_large", null);
    }

    @Test
    void a_chunked_body_over_the_limit_answers_413_too() {
        Multipart big = Multipart.submission("{\"script_name\": \"a.py\"}", "#".repeat(LIMIT + 1));
        Http.Response r = http.send(http.request("/api/v1/executions", key).header("Content-Type", big.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.bytes()))));
        assertRefused(r, 413, "request_too_large", null);
    }

    @Test
    void bad_list_parameters_are_refused_naming_the_parameter() {
        Http.Response status = http.get("/api/v1/executions?status=queued,bogus", key);
        assertRefused(status, 400, "invalid_status", "status");
        assertTrue(status.json().path("error").path("hint").asText().contains("timed_out"), status.body());
        assertRefused(http.get("/api/v1/executions?limit=0", key), 400, "invalid_parameter", "limit");
        assertRefused(http.get("/api/v1/executions?limit=lots", key), 400, "invalid_parameter", "limit");
        assertRefused(http.get("/api/v1/executions?offset=-1", key), 400, "invalid_parameter", "offset");
        assertRefused(http.get("/api/v1/executions?metadata=novalue", key), 400, "invalid_metadata", "metadata");
    }

    @Test
    void bad_log_parameters_are_refused_naming_the_parameter() {
        String id = http.submit(key, Multipart.python("1")).json().path("id").asText();
        assertRefused(http.get("/api/v1/executions/" + id + "/logs?stream=stdin", key), 400, "invalid_stream", "stream");
        assertRefused(http.get("/api/v1/executions/" + id + "/logs?after=-5", key), 400, "invalid_parameter", "after");
        assertRefused(http.send(http.request("/api/v1/executions/" + id + "/logs/stream", key)
                .header("Last-Event-ID", "yesterday").GET()), 400, "invalid_parameter", "Last-Event-ID");
    }

    @Test
    void a_body_that_is_not_well_formed_multipart_is_refused_not_a_server_error() {
        String[][] bodies = {{"multipart/form-data; boundary=x", "--x1"}, {"multipart/form-data", "junk"},
                {"multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"spec\"\r\n\r\n{}"},
                {"multipart/form-data; boundary=", ""}, {"multipart/form-data; boundary=x", "--x--"}};
        for (String[] body : bodies) {
            Http.Response r = http.send(http.request("/api/v1/executions", key).header("Content-Type", body[0])
                    .POST(HttpRequest.BodyPublishers.ofString(body[1])));
            assertTrue(r.status() == 400, body[1] + " -> " + r);
            assertTrue(java.util.Set.of("invalid_multipart", "missing_part").contains(r.code()), body[1] + " -> " + r);
        }
    }

    @Test
    void requests_jetty_cannot_parse_get_the_json_error_body_too() {
        String host = java.net.URI.create(server.url()).getAuthority();
        String auth = "Authorization: Bearer " + key + "\r\n";
        Object[][] cases = {
                {"GET /api/v1/executions/%00 HTTP/1.1", "", 400, "bad_request"},
                {"GET /api/v1/executions/%zz HTTP/1.1", "", 400, "bad_request"},
                {"GET /api/v1/executions/" + "a".repeat(20_000) + " HTTP/1.1", "", 414, "uri_too_long"},
                {"GET /api/v1/executions HTTP/1.1", "X-Big: " + "b".repeat(20_000) + "\r\n", 431, "headers_too_large"},
        };
        for (Object[] c : cases) {
            RawHttp.Answer a = RawHttp.send(server.url(), RawHttp.request((String) c[0], host, auth + c[1], new byte[0]));
            assertEquals(c[2], a.status(), a.headers() + "\n" + a.body());
            assertTrue(a.headers().toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json"), a.headers());
            assertTrue(a.body().contains("\"code\":\"" + c[3] + "\""), a.body());
        }
    }

    @Test
    void an_input_at_the_scripts_path_is_refused_and_records_nothing() {
        byte[] input = "print('the input ran')".getBytes(StandardCharsets.UTF_8);
        String sha = dev.rgrid.core.artifact.Sha256.hex(dev.rgrid.core.artifact.Sha256.digest().digest(input));
        Http.Response put = http.send(http.request("/api/v1/inputs/" + sha, key).PUT(HttpRequest.BodyPublishers.ofByteArray(input)));
        assertTrue(put.status() == 201 || put.status() == 200, put.toString());
        int before = http.get("/api/v1/executions?limit=1000", key).json().path("executions").size();

        Http.Response r = http.submit(key, new Multipart().field("spec", "{\"script_name\": \"dup.py\", \"inputs\": "
                + "[{\"path\": \"dup.py\", \"sha256\": \"" + sha + "\", \"size\": " + input.length + "}]}")
                .file("script", "dup.py", "print('the script ran')".getBytes(StandardCharsets.UTF_8)));

        assertRefused(r, 400, "duplicate_input", "spec.inputs.0.path");
        assertTrue(r.json().path("error").path("message").asText().contains("replacing it"), r.body());
        assertEquals(before, http.get("/api/v1/executions?limit=1000", key).json().path("executions").size(),
                "no execution was recorded");
        Http.Response nested = http.submit(key, new Multipart().field("spec", "{\"script_name\": \"dup.py\", \"inputs\": "
                + "[{\"path\": \"dup.py/x\", \"sha256\": \"" + sha + "\", \"size\": " + input.length + "}]}")
                .file("script", "dup.py", "1".getBytes(StandardCharsets.UTF_8)));
        assertRefused(nested, 400, "duplicate_input", "spec.inputs.0.path");
    }

    @Test
    void an_unknown_path_answers_404_and_a_wrong_method_405_with_the_error_body() {
        assertRefused(http.get("/api/v1/nothing-here", key), 404, "not_found", null);
        assertRefused(http.send(http.request("/api/v1/executions", key).DELETE()), 405, "method_not_allowed", null);
        assertRefused(http.send(http.request("/api/v1/health").PUT(HttpRequest.BodyPublishers.noBody())), 405,
                "method_not_allowed", null);
    }
}
