package dev.rgrid.cli;

import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.sdk.LocalOptions;
import dev.rgrid.sdk.LocalOptions.Dispatch;
import dev.rgrid.sdk.RGrid;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a command takes from the world outside its arguments: the engine, the environment its
 * settings come from, the directory relative script paths start at, the clock, and how a detached
 * run is left running. Tests build one around an engine of their own, an environment map and a
 * temporary directory.
 */
public final class CliContext {
    private final RGridProvider engine;
    private final Map<String, String> env;
    private final Path workingDir;
    private final Clock clock;
    private final DetachedRuns detachedRuns;
    private ConfigSources config;

    /** @param detachedRuns how detached runs are run when the engine ends with the command */
    public CliContext(RGridProvider engine, Map<String, String> env, Path workingDir, Clock clock, DetachedRuns detachedRuns) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.env = Map.copyOf(env);
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.detachedRuns = Objects.requireNonNull(detachedRuns, "detachedRuns");
    }

    public CliContext(RGridProvider engine, Map<String, String> env, Path workingDir, Clock clock) {
        this(engine, env, workingDir, clock, DetachedRuns.local(env));
    }

    /** The real thing: the embedded engine, the process environment, the current directory. */
    public static CliContext fromSystem() {
        Map<String, String> env = System.getenv();
        RGridProvider engine = RGridProvider.opening(dispatch ->
                RGrid.local(LocalOptions.builder(ConfigSources.load(env)).dispatch(dispatch).build()));
        return new CliContext(engine, env, Path.of("").toAbsolutePath(), Clock.systemDefaultZone());
    }

    /** The engine, opened on first call to run what it submits. */
    public RGrid rgrid() { return engine.get(); }

    /** The engine, opened on first call with {@code dispatch}. */
    public RGrid rgrid(Dispatch dispatch) { return engine.get(dispatch); }

    /** Whether a run must be handed to a background runner to outlive this command. */
    public boolean engineEndsWithCommand() { return engine.endsWithCommand(); }

    public DetachedRuns detachedRuns() { return detachedRuns; }

    /** The environment and {@code $RGRID_HOME/config}, read once. */
    public synchronized ConfigSources config() {
        if (config == null) config = ConfigSources.load(env);
        return config;
    }

    public Path workingDir() { return workingDir; }

    public Clock clock() { return clock; }

    /** Closes the engine when this context opened it; called once a command is done. */
    void release() { engine.release(); }
}
