package dev.rgrid.server.remote;

import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.server.testing.ServerProcess;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real {@code rgrid-server} process on a fresh database, started for the first test class that needs it
 * and stopped when the test run ends; keys of any owner on demand. Used by the CLI's tests too.
 */
public final class SharedServer implements BeforeAllCallback {
    private static final AtomicInteger KEYS = new AtomicInteger();
    private Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, k -> new Running(ServerProcess.start(TestPostgres.freshEmbeddedUrl(), Map.of())),
                        Running.class);
    }

    /** The server's base URL. */
    public String url() { return running.server().url(); }

    /** A new key for {@code owner}; its name is {@link #keyName} of the secret. */
    public Key newKey(String owner) {
        String name = owner + "-key-" + KEYS.incrementAndGet();
        return new Key(name, running.server().createKey(name, owner));
    }

    public void revoke(Key key) {
        running.server().revokeKey(key.name());
    }

    /** What the server printed so far, for failure messages. */
    public String output() { return running.server().output(); }

    /** A key's name (to revoke it) and its secret (to use it). */
    public record Key(String name, String secret) {}

    /** Closed by JUnit at the end of the run, as an AutoCloseable value of the root store. */
    private record Running(ServerProcess server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }
}
