package dev.rgrid.cli;

import dev.rgrid.engine.LocalRGrid;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.RGridHome;
import dev.rgrid.engine.LocalOptions;
import dev.rgrid.sdk.RGrid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real embedded engine (embedded PostgreSQL, Ray local mode, the Docker engine) in a temporary
 * RGRID_HOME. {@link #shared()} is opened once for the whole test run; {@link #fresh()} once per test
 * class, for tests that must see an empty engine.
 */
public final class LocalEngine implements BeforeAllCallback, AfterAllCallback {
    private final boolean shared;
    private final Map<String, String> env;
    private Engine engine;

    private LocalEngine(boolean shared, Map<String, String> env) {
        this.shared = shared;
        this.env = env;
    }

    public static LocalEngine shared() { return new LocalEngine(true, Map.of()); }

    public static LocalEngine fresh() { return new LocalEngine(false, Map.of()); }

    /** A fresh engine with these settings in its environment (a package index, say). */
    static LocalEngine fresh(Map<String, String> env) {
        return new LocalEngine(false, Map.copyOf(env));
    }

    /** A fresh engine pointed at a Docker socket that does not exist: runs fall back to local processes. */
    static LocalEngine withoutDocker() {
        return new LocalEngine(false, Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        engine = shared
                ? context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                        .getOrComputeIfAbsent(Engine.class, k -> Engine.open(env), Engine.class)
                : Engine.open(env);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!shared) engine.close();
    }

    public RGrid rgrid() { return engine.rgrid; }

    Path home() { return engine.home; }

    /** A CLI working in {@code workDir}, its settings read from this engine's home and nothing else. */
    public CliRunner cli(Path workDir) {
        return CliRunner.against(engine.rgrid, workDir, Map.of(RGridHome.ENV, engine.home.toString()));
    }

    /** One engine and its home; closed (database stopped, home deleted) at the end: JUnit closes AutoCloseable store values. */
    private record Engine(Path home, RGrid rgrid) implements AutoCloseable {
        static Engine open(Map<String, String> env) {
            try {
                Path home = Files.createTempDirectory("rgrid-cli-test-home");
                Map<String, String> all = new java.util.HashMap<>(env);
                all.put(RGridHome.ENV, home.toString());
                ConfigSources sources = ConfigSources.load(all);
                RGrid rgrid = LocalRGrid.open(LocalOptions.builder(sources).stopDatabaseOnClose(true).build());
                return new Engine(home, rgrid);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            rgrid.close();
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
