package dev.rgrid.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Submissions per second to a real server with dispatch off (recorded, not run): each one an authenticated multipart
 * POST that validates the spec and inserts the execution. Two baselines in the same run: an authenticated GET on the
 * same server (which, its key remembered, touches no database), and PostgreSQL's own pace, the same insert from as many
 * JDBC connections straight to the server's database: "submissions at PostgreSQL's pace" is their ratio.
 */
final class SubmissionThroughput {
    private static final int CONNECTIONS = 16;
    private static final double TARGET_PER_SECOND = 2000;
    private static final double TARGET_P99_MS = 50;
    private static final String BOUNDARY = "rgridbench";

    private final int seconds;

    SubmissionThroughput(int seconds) {
        this.seconds = seconds;
    }

    Result measure() throws Exception {
        try (ServerUnderTest server = ServerUnderTest.start(Map.of("RGRID_DISPATCH", "off"))) {
            Map<String, String> auth = Map.of("Authorization", "Bearer " + server.apiKey());
            String whoami = server.url() + "/api/v1/whoami";
            String executions = server.url() + "/api/v1/executions";
            String type = "multipart/form-data; boundary=" + BOUNDARY;
            byte[] body = multipart();
            Load.run(executions, auth, body, type, CONNECTIONS, 5);
            Load.run(whoami, auth, null, null, CONNECTIONS, 5);
            Load.Outcome baseline = Load.run(whoami, auth, null, null, CONNECTIONS, seconds);
            Load.Outcome submissions = Load.run(executions, auth, body, type, CONNECTIONS, seconds);
            double postgres = PostgresInserts.perSecond(server.jdbcUrl(), CONNECTIONS, Math.max(5, seconds / 2));
            System.out.printf("submissions: wrk, %d connections, %d s; %d non-2xx, %d socket errors%n",
                    CONNECTIONS, seconds, submissions.non2xx(), submissions.errors());
            boolean met = submissions.non2xx() == 0 && submissions.errors() == 0
                    && submissions.perSecond() >= TARGET_PER_SECOND && submissions.p99Ms() < TARGET_P99_MS;
            return new Result("submissions per second to the server (no execution)",
                    String.format("%.0f/s, p50 %.1f ms, p99 %.1f ms", submissions.perSecond(), submissions.p50Ms(),
                            submissions.p99Ms()),
                    String.format("authenticated GET /api/v1/whoami: %.0f/s, p50 %.1f ms, p99 %.1f ms; "
                                    + "the same INSERT straight to PostgreSQL over %d connections: %.0f/s",
                            baseline.perSecond(), baseline.p50Ms(), baseline.p99Ms(), CONNECTIONS, postgres),
                    String.format("ratio %.2f of the GET's throughput, %.2f of PostgreSQL's own insert rate",
                            submissions.perSecond() / baseline.perSecond(), submissions.perSecond() / postgres),
                    String.format(">= %.0f submissions/s with p99 < %.0f ms", TARGET_PER_SECOND, TARGET_P99_MS), met);
        }
    }

    private static byte[] multipart() {
        String spec = "{\"script_name\":\"hello.py\",\"metadata\":{\"bench\":\"submit\"}}";
        String text = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"spec\"\r\nContent-Type: application/json\r\n\r\n"
                + spec + "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"script\"; filename=\"hello.py\"\r\n"
                + "Content-Type: text/x-python\r\n\r\nprint('hello')\n\r\n--" + BOUNDARY + "--\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
