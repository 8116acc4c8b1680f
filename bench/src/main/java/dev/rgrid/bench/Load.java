package dev.rgrid.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP load from wrk, a separate C process, so the load generator takes as little of the machine's two
 * cores as possible: {@code connections} connections for {@code seconds}, as fast as answered.
 */
final class Load {
    record Outcome(double perSecond, double p50Ms, double p99Ms, long non2xx, long errors) {}

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private Load() {}

    /** Runs wrk against {@code url}; {@code post} is a body to POST with {@code contentType}, or null for GET. */
    static Outcome run(String url, Map<String, String> headers, byte[] post, String contentType, int connections,
                       int seconds) throws IOException, InterruptedException {
        Path script = Files.createTempFile("rgrid-bench-", ".lua");
        StringBuilder lua = new StringBuilder();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            lua.append("wrk.headers[\"").append(h.getKey()).append("\"] = \"").append(h.getValue()).append("\"\n");
        }
        if (post != null) {
            lua.append("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"").append(contentType).append("\"\n")
                    .append("wrk.body = \"").append(luaEscape(new String(post, StandardCharsets.UTF_8))).append("\"\n");
        }
        Files.writeString(script, lua);
        List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s",
                "--latency", "-s", script.toString(), url));
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) throw new IllegalStateException("wrk failed:\n" + out);
        Files.deleteIfExists(script);
        return parse(out);
    }

    private static Outcome parse(String out) {
        Matcher rate = RATE.matcher(out);
        if (!rate.find()) throw new IllegalStateException("no rate in wrk's output:\n" + out);
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher p = PERCENTILE.matcher(out);
        while (p.find()) {
            double ms = Double.parseDouble(p.group(2)) * switch (p.group(3)) {
                case "us" -> 0.001;
                case "s" -> 1000;
                default -> 1;
            };
            if (p.group(1).equals("50")) p50 = ms; else p99 = ms;
        }
        Matcher non2xx = NON_2XX.matcher(out);
        Matcher errors = SOCKET_ERRORS.matcher(out);
        long errorCount = 0;
        if (errors.find()) for (int i = 1; i <= 4; i++) errorCount += Long.parseLong(errors.group(i));
        return new Outcome(Double.parseDouble(rate.group(1)), p50, p99, non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                errorCount);
    }

    private static String luaEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n");
    }
}
