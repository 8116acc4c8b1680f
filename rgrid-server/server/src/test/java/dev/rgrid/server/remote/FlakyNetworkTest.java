package dev.rgrid.server.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.FlakyProxy;
import dev.rgrid.sdk.remote.FlakyProxy.Fault;
import dev.rgrid.sdk.remote.RemoteOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The SDK through a real network that fails (a proxy in front of a real server): retries announced, a
 * retried submission creating one run only, a server that is not there reported after the retries.
 */
class FlakyNetworkTest extends ThroughFlakyProxy {
    @Test
    void a_submission_whose_answer_was_lost_is_retried_and_creates_one_run_only() {
        String tag = "lost-" + System.nanoTime();
        proxy.fail(Fault.DROP_RESPONSE, 1);
        try (RGrid rgrid = throughProxy(); RGrid direct = RGrid.connect(server.url(), key.secret())) {
            Execution submitted = rgrid.submit(tagged("print('once')", tag));

            assertEquals(List.of("Connection lost. Retrying... (attempt 1/5)"), notices);
            List<Execution> runs = direct.list(new ExecutionQuery(Set.of(), Map.of("test", tag), 10, 0));
            assertEquals(List.of(submitted.id()), runs.stream().map(Execution::id).toList());
        }
    }

    @Test
    void a_503_from_a_proxy_is_retried_and_the_call_goes_through() {
        proxy.fail(Fault.UNAVAILABLE, 2);
        try (RGrid rgrid = throughProxy()) {
            assertTrue(rgrid.list(ExecutionQuery.recent()).isEmpty());

            assertEquals(List.of("Connection lost. Retrying... (attempt 1/5)", "Connection lost. Retrying... (attempt 2/5)"),
                    notices);
        }
    }

    @Test
    void a_server_that_is_not_there_is_reported_quickly_after_the_retries() throws IOException {
        String url;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            url = "http://127.0.0.1:" + socket.getLocalPort();
        }
        try (RGrid rgrid = RGrid.connect(RemoteOptions.builder(url, key.secret()).retry(QUICK)
                .listener(n -> notices.add(n.message())).build())) {
            RGridException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(RGridException.class, () -> rgrid.submit(tagged("print(1)", "none"))));
            assertEquals("Cannot reach the RGrid server", e.what());
            assertEquals(url, e.value());
            assertEquals(5, notices.size(), notices::toString);
        }
    }
}
