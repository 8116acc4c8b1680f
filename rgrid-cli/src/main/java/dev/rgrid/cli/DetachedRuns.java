package dev.rgrid.cli;

import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.engine.BackgroundRunner;
import dev.rgrid.engine.LocalOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How runs queued by {@code run --detach} get run once the command that queued them has exited:
 * it starts a background runner, which drains the queue until idle ({@code rgrid runner}).
 */
public final class DetachedRuns {
    private final Runnable startRunner;
    private final Consumer<Duration> drain;

    public DetachedRuns(Runnable startRunner, Consumer<Duration> drain) {
        this.startRunner = Objects.requireNonNull(startRunner, "startRunner");
        this.drain = Objects.requireNonNull(drain, "drain");
    }

    /**
     * The embedded engine's way: a background {@code rgrid runner} process, draining with {@link BackgroundRunner};
     * settings are read from {@code env} (and its config file) when needed, so a bad file is reported by the command.
     */
    public static DetachedRuns local(Map<String, String> env) {
        return new DetachedRuns(() -> RunnerProcess.start(ConfigSources.load(env).home()),
                idle -> BackgroundRunner.drain(LocalOptions.builder(ConfigSources.load(env)).build(), idle));
    }

    /** Starts a background runner and returns at once. */
    public void startRunner() { startRunner.run(); }

    /** Runs queued executions here until none has been queued or running for {@code idle}. */
    public void drain(Duration idle) { drain.accept(idle); }
}
