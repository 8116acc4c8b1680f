package dev.rgrid.server.remote;

import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.sdk.remote.FlakyProxy;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteOptions;
import dev.rgrid.sdk.remote.RetryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tests of the SDK through a proxy that can fail, in front of one real server: a fresh key and proxy
 * per test, quick retries, and the retry notices the client gave.
 */
abstract class ThroughFlakyProxy {
    @RegisterExtension static final SharedServer server = new SharedServer();
    static final RetryPolicy QUICK = new RetryPolicy(5, Duration.ofMillis(20), Duration.ofMillis(100));

    final List<String> notices = new CopyOnWriteArrayList<>();
    SharedServer.Key key;
    FlakyProxy proxy;

    @BeforeEach
    void proxy() throws IOException {
        key = server.newKey(getClass().getSimpleName().toLowerCase() + System.nanoTime());
        proxy = FlakyProxy.to(server.url());
    }

    @AfterEach
    void closeProxy() throws IOException {
        proxy.close();
    }

    /** A client with no open connection yet, so the proxy's next faults hit its first requests. */
    RGrid throughProxy() {
        return RGrid.connect(RemoteOptions.builder(proxy.url(), key.secret()).retry(QUICK)
                .listener(n -> notices.add(n.message())).build());
    }

    static ExecutionSpec tagged(String code, String tag) {
        return ExecutionSpec.builder("job.py", code.getBytes(StandardCharsets.UTF_8)).metadata("test", tag).build();
    }
}
