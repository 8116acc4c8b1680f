package dev.rgrid.sdk.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.sdk.RGrid;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Nothing answers, or only "503": a few quick retries, each announced, then one clear error. */
class UnreachableServerTest {
    private static final RetryPolicy QUICK = new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(40));
    private final List<String> notices = new CopyOnWriteArrayList<>();

    private RGrid connect(String url) {
        return RGrid.connect(RemoteOptions.builder(url, "rgk_test_key_1234567890").retry(QUICK)
                .listener(n -> notices.add(n.message())).build());
    }

    private static String closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void a_closed_port_is_retried_five_times_then_reported_with_the_url_and_what_to_check() throws IOException {
        String url = closedPortUrl();
        try (RGrid rgrid = connect(url)) {
            RGridException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(RGridException.class, () -> rgrid.status("exec_1")));
            assertEquals("server_unreachable", e.code());
            assertEquals("Cannot reach the RGrid server", e.what());
            assertEquals(url, e.value());
            assertTrue(e.hint().contains("RGRID_API_URL") && e.hint().contains("connection refused"), e.hint());
        }
        assertEquals(List.of("Connection lost. Retrying... (attempt 1/5)", "Connection lost. Retrying... (attempt 2/5)",
                "Connection lost. Retrying... (attempt 3/5)", "Connection lost. Retrying... (attempt 4/5)",
                "Connection lost. Retrying... (attempt 5/5)"), notices);
    }

    @Test
    void a_server_reached_other_than_by_a_configured_url_says_what_to_do_instead() throws IOException {
        String url = closedPortUrl();
        try (RGrid rgrid = RGrid.connect(RemoteOptions.builder(url, "rgk_test_key_1234567890").retry(QUICK)
                .unreachableHint("This is the home's local engine (pid 42), which does not answer").build())) {
            RGridException e = assertThrows(RGridException.class, () -> rgrid.status("exec_1"));

            assertEquals("server_unreachable", e.code());
            assertEquals("This is the home's local engine (pid 42), which does not answer; last error: connection refused",
                    e.hint());
        }
    }

    @Test
    void every_retry_of_one_submission_carries_the_same_idempotency_key() throws IOException {
        try (FlakyProxy proxy = FlakyProxy.alwaysUnavailable(); RGrid rgrid = connect(proxy.url())) {
            ExecutionSpec spec = ExecutionSpec.builder("hello.py", "print(1)".getBytes(StandardCharsets.UTF_8)).build();

            RGridException e = assertThrows(RGridException.class, () -> rgrid.submit(spec));

            assertEquals("server_unreachable", e.code());
            assertTrue(e.hint().endsWith("last error: HTTP 503"), e.hint());
            List<String> keys = proxy.unavailableRequests().stream().map(UnreachableServerTest::idempotencyKey).toList();
            assertEquals(6, keys.size(), "the first attempt and five retries");
            assertTrue(keys.get(0).matches("[0-9a-f-]{36}"), keys.get(0));
            assertEquals(1, keys.stream().distinct().count(), keys.toString());

            assertThrows(RGridException.class, () -> rgrid.submit(spec));
            List<String> all = proxy.unavailableRequests().stream().map(UnreachableServerTest::idempotencyKey).toList();
            assertEquals(2, all.stream().distinct().count(), "a second submission has a key of its own: " + all);
        }
    }

    @Test
    void without_retries_the_first_failure_is_reported_at_once() throws IOException {
        String url = closedPortUrl();
        try (RGrid rgrid = RGrid.connect(RemoteOptions.builder(url, "rgk_x").retry(RetryPolicy.NONE).build())) {
            assertEquals("server_unreachable", assertThrows(RGridException.class, rgrid::info).code());
        }
    }

    private static String idempotencyKey(String head) {
        Matcher m = Pattern.compile("(?im)^idempotency-key:\\s*(\\S+)\\s*$").matcher(head);
        return m.find() ? m.group(1) : "none";
    }
}
