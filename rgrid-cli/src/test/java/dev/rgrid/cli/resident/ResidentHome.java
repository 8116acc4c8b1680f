package dev.rgrid.cli.resident;

import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.RGridHome;
import dev.rgrid.core.store.internal.EmbeddedPostgresServer;
import dev.rgrid.server.resident.EngineRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** An RGrid home of a test, whose local engine and database are stopped when the test is done with it. */
final class ResidentHome implements AutoCloseable {
    private final Path home;
    private final Map<String, String> env;

    ResidentHome(Path home, Map<String, String> more) {
        this.home = home;
        Map<String, String> all = new HashMap<>(Map.of(RGridHome.ENV, home.toString(),
                // Bounds what a test that fails half-way leaves behind.
                "RGRID_ENGINE_IDLE", "2m"));
        all.putAll(more);
        this.env = Map.copyOf(all);
    }

    ResidentHome(Path home) {
        this(home, Map.of());
    }

    Path path() { return home; }

    Map<String, String> env() { return env; }

    ConfigSources sources() { return ConfigSources.load(env); }

    EngineRecord engine() {
        return ResidentEngines.running(home).orElseThrow(() -> new AssertionError("no engine runs for " + home));
    }

    @Override
    public void close() {
        ResidentEngines.running(home).ifPresent(ResidentEngines::stop);
        EmbeddedPostgresServer.stop(home.resolve("postgres"), Duration.ofSeconds(30), port -> {});
    }
}
