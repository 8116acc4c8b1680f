package dev.rgrid.cli;

import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.sdk.RGrid;
import java.nio.file.Path;
import java.time.Clock;
import java.util.TimeZone;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a command takes from the world outside its arguments: the engine, the environment its
 * settings come from, the directory relative script paths start at, the clock. Tests build one around an engine of their own, an environment map and a
 * temporary directory.
 */
public final class CliContext {
    private final RGridProvider engine;
    private final Map<String, String> env;
    private final Path workingDir;
    private final Clock clock;
    private final TimeZone timeZone;
    private final Notices notices;
    private final Input input;
    private final boolean terminal;
    private ConfigSources config;

    /**
     * @param notices      where the engine's passing notices go; bound to the command's stderr when it runs
     * @param input        what the user types when a command asks
     * @param terminal     whether stderr is a terminal: progress bars are drawn then, else one plain line per file
     */
    public CliContext(RGridProvider engine, Map<String, String> env, Path workingDir, Clock clock,
                      Notices notices, Input input, boolean terminal) {
        this(engine, env, workingDir, clock, TimeZone.getTimeZone(clock.getZone()), notices, input, terminal);
    }

    private CliContext(RGridProvider engine, Map<String, String> env, Path workingDir, Clock clock, TimeZone timeZone,
                       Notices notices, Input input, boolean terminal) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.env = Map.copyOf(env);
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeZone = timeZone;
        this.notices = Objects.requireNonNull(notices, "notices");
        this.input = Objects.requireNonNull(input, "input");
        this.terminal = terminal;
    }

    public CliContext(RGridProvider engine, Map<String, String> env, Path workingDir, Clock clock, Notices notices,
                      Input input) {
        this(engine, env, workingDir, clock, notices, input, false);
    }

    public CliContext(RGridProvider engine, Map<String, String> env, Path workingDir, Clock clock) {
        this(engine, env, workingDir, clock, new Notices(), Input.none());
    }

    /**
     * The engine the settings in {@code env} (and its config file) name: an RGrid server when an API URL is
     * configured, else this home's resident engine.
     */
    public static CliContext configured(Map<String, String> env, Path workingDir, Clock clock, Input input) {
        return configured(env, workingDir, clock, input, false);
    }

    /** As {@link #configured(Map, Path, Clock, Input)}, drawing progress bars when {@code terminal}. */
    public static CliContext configured(Map<String, String> env, Path workingDir, Clock clock, Input input, boolean terminal) {
        Notices notices = new Notices();
        return new CliContext(RGridProvider.configured(env, notices), env, workingDir, clock, notices, input, terminal);
    }

    /**
     * The real thing: the process environment and the engine it names, the current directory, the terminal, the user's
     * time zone. The zone as a {@link TimeZone} beside a UTC clock, not as the clock's {@code ZoneId}: the first region
     * {@code ZoneId} a JVM makes (even Etc/UTC) has java.time look for zone-rules providers on the whole class path, which
     * opened every one of the CLI's 121 jars (70 ms of each command, measured); {@code TimeZone} reads the JDK's own zone
     * data and no jar.
     */
    public static CliContext fromSystem() {
        Map<String, String> env = System.getenv();
        Notices notices = new Notices();
        return new CliContext(RGridProvider.configured(env, notices), env, Path.of("").toAbsolutePath(), Clock.systemUTC(),
                TimeZone.getDefault(), notices, Input.system(), System.console() != null);
    }

    /** The engine (a server, or this home's resident engine), opened on first call. */
    public RGrid rgrid() { return engine.get(); }

    /** The environment and {@code $RGRID_HOME/config}, read once. */
    public synchronized ConfigSources config() {
        if (config == null) config = ConfigSources.load(env);
        return config;
    }

    public Path workingDir() { return workingDir; }

    public Notices notices() { return notices; }

    public Input input() { return input; }

    /** Whether transfers draw progress bars (stderr is a terminal) rather than one plain line per file. */
    public boolean terminal() { return terminal; }

    /** The environment the command's settings come from (not necessarily the process's). */
    public Map<String, String> env() { return env; }

    public Clock clock() { return clock; }

    /** Where times are shown: the user's time zone. */
    public TimeZone timeZone() { return timeZone; }

    /** Closes the engine when this context opened it; called once a command is done. */
    void release() { engine.release(); }
}
