package dev.rgrid.server.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * JSON texts for the fuzzer, written by hand rather than through a mapper so they can be wrong in every way a client
 * can be: a submission spec with hostile values in its fields (huge, negative, wrong type, nested), and junk that is not
 * JSON at all or not UTF-8.
 */
final class Json {
    private static final List<String> FIELDS = List.of("script_name", "runtime", "args", "env", "limits", "metadata", "network",
            "inputs", "requirements", "max_attempts", "unknown_field");
    private static final List<String> LIMIT_FIELDS = List.of("memory_mb", "cpus", "timeout_seconds", "pids_limit", "gpus");

    private Json() {}

    /** Values of every JSON type, hostile ones first: the edges of numbers, control characters, paths, nesting. */
    static Arbitrary<String> hostileValue() {
        return Arbitraries.of("1", "-1", "0", "1e308", "-1e308", "1e-400", "99999999999999999999999", "1.5", "-0", "NaN",
                "\"x\"", "\"\"", "null", "true", "false", "[]", "{}", "[1,2,3]", "\"\\u0000\"", "\"../../etc/passwd\"",
                "\"/abs\"", "\"" + "a".repeat(5000) + "\"", "\"\\ud800\"", "\"\u2603.py\"", "{\"a\":{\"b\":{\"c\":[[[[1]]]]}}}",
                "[" + "[".repeat(200) + "]".repeat(200) + "]", "\"job.py\"", "\"python3.11\"", "\"cobol\"", "{\"K\":\"v\"}",
                "{\"1BAD\":\"v\"}", "[\"a\",1,null]", "[{\"path\":\"job.py\",\"sha256\":\"" + "a".repeat(64) + "\",\"size\":1}]",
                "[{\"path\":\"../x\"}]", "[null]", "{\"memory_mb\":-5}", "{\"cpus\":1e9}", "{\"timeout_seconds\":-1}",
                "{\"pids_limit\":2147483648}", "{\"memory_mb\":\"lots\"}");
    }

    /** A spec: a valid start with up to four fields (or limit fields) set to hostile values. */
    static Arbitrary<String> spec() {
        Arbitrary<String> field = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(FIELDS)),
                Tuple.of(1, Arbitraries.of(LIMIT_FIELDS).map(f -> "limits." + f)));
        Arbitrary<String> assignment = Combinators.combine(field, hostileValue()).as((f, v) -> f + "\u0001" + v);
        return assignment.list().ofMaxSize(4).map(Json::specWith);
    }

    private static String specWith(List<String> assignments) {
        java.util.Map<String, String> top = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> limits = new java.util.LinkedHashMap<>();
        top.put("script_name", "\"job.py\"");
        for (String a : assignments) {
            String[] kv = a.split("\u0001", 2);
            if (kv[0].startsWith("limits.")) limits.put(kv[0].substring(7), kv[1]);
            else top.put(kv[0], kv[1]);
        }
        if (!limits.isEmpty() && !top.containsKey("limits")) top.put("limits", object(limits));
        return object(top);
    }

    private static String object(java.util.Map<String, String> fields) {
        StringBuilder out = new StringBuilder("{");
        fields.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return out.append('}').toString();
    }

    /** Bodies that are not what any route takes: broken JSON, not JSON, not UTF-8, empty, large. */
    static Arbitrary<byte[]> junkBytes() {
        Arbitrary<String> text = Arbitraries.oneOf(spec(), hostileValue(), Arbitraries.of("", "{", "}", "{\"a\":", "[1,", "\"",
                "{\"script_name\": \"a.py\",}", "{'a': 1}", "a=b&c=d", "--" + HostileRequests.boundary(), "--x1",
                "--" + HostileRequests.boundary() + "--\r\n", "\u0000\u0000", "{}".repeat(20_000)));
        Arbitrary<byte[]> bytes = text.map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
        Arbitrary<byte[]> badUtf8 = Arbitraries.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF, (byte) 0xFE, 0},
                new byte[] {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ':', '1', '}'});
        return Arbitraries.frequencyOf(Tuple.of(6, bytes), Tuple.of(2, raw), Tuple.of(2, badUtf8));
    }
}
