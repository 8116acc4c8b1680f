package dev.rgrid.server.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of malformed and hostile requests for every route of the API: path tricks in each parameter, hostile
 * query strings, missing, wrong and garbage keys, wrong and broken content types, bad JSON and JSON of the wrong
 * shape, huge and negative numbers, bad UTF-8, broken multipart framing. Most requests carry the fuzzer's valid key,
 * so they get past authentication to the code that reads them.
 */
final class HostileRequests {
    /** Every route of the API as {@code openapi.yaml} describes it; the test checks that list against the served one. */
    static final List<String> ROUTES = List.of(
            "GET /", "GET /api/v1/health", "GET /api/v1/openapi.yaml", "GET /api/v1/whoami", "GET /api/v1/runtimes",
            "GET /api/v1/info", "POST /api/v1/executions", "GET /api/v1/executions", "GET /api/v1/executions/{id}",
            "POST /api/v1/executions/{id}/cancel", "DELETE /api/v1/executions/{id}", "GET /api/v1/executions/{id}/attempts",
            "GET /api/v1/workers", "GET /api/v1/servers", "GET /api/v1/scale-events",
            "GET /api/v1/executions/{id}/outputs", "GET /api/v1/executions/{id}/outputs/{path}",
            "GET /api/v1/executions/{id}/logs", "GET /api/v1/executions/{id}/logs/stream", "HEAD /api/v1/inputs/{sha256}",
            "PUT /api/v1/inputs/{sha256}", "GET /metrics");

    private static final String BOUNDARY = "fuzz-boundary";

    private final String key;
    private final List<String> ownIds;
    private final List<String> othersIds;

    /** {@code key}: a valid key; {@code ownIds}: executions of its owner; {@code othersIds}: of another owner. */
    HostileRequests(String key, List<String> ownIds, List<String> othersIds) {
        this.key = key;
        this.ownIds = ownIds;
        this.othersIds = othersIds;
    }

    Arbitrary<HostileRequest> any() {
        return Combinators.combine(Arbitraries.of(ROUTES).withoutEdgeCases(), methods(), pathValue(), pathValue(), query(), auth(), extraHeaders(),
                Arbitraries.integers().between(0, 99)).flatAs((route, wrongMethod, p1, p2, query, auth, extra, dice) -> {
                    String method = dice < 8 ? wrongMethod : route.substring(0, route.indexOf(' '));
                    byte[] target = target(route.substring(route.indexOf(' ') + 1), p1, p2, query);
                    return bodyFor(route, method).map(b -> new HostileRequest(route, method, target,
                            concat(auth, b.contentType(), extra), b.bytes(),
                            method.equals("POST") && route.equals("POST /api/v1/executions")));
                });
    }

    private static Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO", "get");
    }

    /** A value for a path parameter: real ids (own and another owner's) and every trick a path can play. */
    private Arbitrary<byte[]> pathValue() {
        Arbitrary<String> tricks = Arbitraries.of("", ".", "..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%2F", "%00", "a%00b",
                "%ZZ", "%", "%C3%28", "%FF%FE", "%E2%98%83", "exec_", "exec_0000000000000000", "null", "-1",
                "99999999999999999999", "a".repeat(300), "x".repeat(9000), "outputs/../../x", "%252e%252e", ";jsessionid=1",
                "a?b", "a#b", "a/b/c", "\u2603", "'; DROP TABLE executions; --", "<script>", "0".repeat(64), "a".repeat(64),
                "A".repeat(64), "${jndi:ldap://x}");
        Arbitrary<String> ids = Arbitraries.of(ownIds);
        Arbitrary<String> others = Arbitraries.of(othersIds);
        Arbitrary<String> random = Arbitraries.strings().ofMinLength(0).ofMaxLength(40).map(HostileRequests::percentEncodeSome);
        return Arbitraries.frequencyOf(
                        Tuple.of(5, tricks), Tuple.of(3, ids), Tuple.of(2, others),
                        Tuple.of(2, random))
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .edgeCases(c -> c.add(new byte[] {(byte) 0xC3, 0x28}));
    }

    private static String percentEncodeSome(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') out.append((char) c);
            else out.append('%').append(String.format("%02X", c));
        }
        return out.toString();
    }

    private static Arbitrary<String> query() {
        Arbitrary<String> names = Arbitraries.of("limit", "offset", "status", "metadata", "wait", "after", "stream",
                "timestamps", "sha256", "x", "", "limit[]", "%00");
        Arbitrary<String> values = Arbitraries.of("", "0", "-1", "1", "2147483648", "99999999999999999999999", "1e9", "NaN",
                "0x10", " 5", "%00", "%FF", "%C3%28", "queued,bogus", "queued,,", "succeeded", "a=b", "=", "team%3Dml", "a".repeat(3000),
                "stdout", "stderr,stdin", "true", "yes", "%20", "%2B1");
        // A valid wait=N holds the request up to N seconds: the fuzzer keeps to the invalid ones and 0.
        Arbitrary<String> pair = Combinators.combine(names, values).as((n, v) -> n + "=" + v)
                .filter(p -> !p.matches("wait=\\d*[1-9]\\d*"));
        return pair.list().ofMaxSize(4).map(list -> list.isEmpty() ? "" : "?" + String.join("&", list));
    }

    /** Mostly the valid key, so most requests reach the code that reads them; the rest try every way to be wrong. */
    private Arbitrary<byte[]> auth() {
        Arbitrary<String> valid = Arbitraries.of("Authorization: Bearer " + key + "\r\n", "X-API-Key: " + key + "\r\n");
        Arbitrary<String> wrong = Arbitraries.of("",
                "Authorization: Bearer rgk_wrong\r\n", "Authorization: Basic dXNlcjpwYXNz\r\n", "Authorization: Bearer\r\n",
                "Authorization: bearer " + key + "x\r\n", "Authorization: Bearer " + "k".repeat(6000) + "\r\n",
                "Authorization: Bearer " + key + "\r\nAuthorization: Bearer rgk_other\r\n", "X-API-Key: \r\n",
                "Authorization: Bearer rgk_\u00ff\u00fe\r\n");
        return Arbitraries.frequencyOf(Tuple.of(7, valid), Tuple.of(3, wrong)).map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Arbitrary<byte[]> extraHeaders() {
        return Arbitraries.of("", "", "", "Idempotency-Key: k1\r\n", "Idempotency-Key: " + "i".repeat(500) + "\r\n",
                "Idempotency-Key: \r\n", "Last-Event-ID: yesterday\r\n", "Last-Event-ID: -5\r\n",
                "Last-Event-ID: 99999999999999999999\r\n", "Accept: text/event-stream\r\n", "Accept-Encoding: gzip, br\r\n",
                "Expect: 100-continue\r\n", "X-Forwarded-For: 127.0.0.1\r\n", "Range: bytes=0-1\r\n",
                "Content-Encoding: gzip\r\n").map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] target(String template, byte[] p1, byte[] p2, String query) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] pieces = template.split("\\{[a-z0-9]+}", -1);
        for (int i = 0; i < pieces.length; i++) {
            out.writeBytes(pieces[i].getBytes(StandardCharsets.ISO_8859_1));
            if (i < pieces.length - 1) out.writeBytes(i == 0 ? p1 : p2);
        }
        out.writeBytes(query.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** A body and the Content-Type header line that goes with it (empty when none is sent). */
    record Body(byte[] contentType, byte[] bytes) {}

    private static Arbitrary<Body> bodyFor(String route, String method) {
        if (route.equals("POST /api/v1/executions")) return Arbitraries.frequencyOf(
                Tuple.of(8, Multiparts.submissions()), Tuple.of(2, junkBodies()));
        if (route.startsWith("PUT ")) return Arbitraries.frequencyOf(
                Tuple.of(7, Arbitraries.bytes().array(byte[].class).ofMaxSize(2048)
                        .map(b -> new Body(line("Content-Type: application/octet-stream"), b))),
                Tuple.of(3, junkBodies()));
        return method.equals("GET") || method.equals("HEAD")
                ? Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(new Body(new byte[0], new byte[0]))),
                        Tuple.of(2, junkBodies()))
                : junkBodies();
    }

    private static Arbitrary<Body> junkBodies() {
        Arbitrary<byte[]> types = Arbitraries.of("", "Content-Type: application/json\r\n", "Content-Type: text/plain\r\n",
                "Content-Type: multipart/form-data\r\n", "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n",
                "Content-Type: application/x-www-form-urlencoded\r\n", "Content-Type: ;;;\r\n",
                "Content-Type: multipart/form-data; boundary=" + "b".repeat(200) + "\r\n").map(HostileRequests::latin1);
        return Combinators.combine(types, Json.junkBytes())
                .as(Body::new);
    }

    static byte[] line(String header) {
        return latin1(header + "\r\n");
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String boundary() {
        return BOUNDARY;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
