package dev.rgrid.engine;

import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.Quantities;
import dev.rgrid.core.config.Setting;
import dev.rgrid.core.lease.Reaper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open the embedded engine. Built once at the edge from the environment and the config file;
 * immutable. Tests set a temporary home, their own clock, or stop the database on close.
 */
public final class LocalOptions {
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
    public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

    /** Which queued executions this engine runs. */
    public enum Dispatch {
        /** Those it submits itself (an application's in-process engine; a server's queue dispatcher takes the rest). */
        SUBMITTED,
        /** None: it only records them (a server measured without execution). */
        NONE
    }

    private final ConfigSources sources;
    private final Clock clock;
    private final Duration heartbeatInterval;
    private final String dockerHost;
    private final boolean stopDatabaseOnClose;
    private final Dispatch dispatch;
    private final boolean queueServed;

    private LocalOptions(Builder b) {
        this.sources = Objects.requireNonNull(b.sources, "sources");
        this.clock = b.clock;
        this.heartbeatInterval = b.heartbeatInterval != null ? b.heartbeatInterval
                : sources.lookup(Setting.HEARTBEAT_INTERVAL).map(v -> Quantities.duration("heartbeat interval", v)).orElse(DEFAULT_HEARTBEAT_INTERVAL);
        this.dockerHost = b.dockerHost != null ? b.dockerHost
                : sources.lookup(Setting.DOCKER_HOST).map(ConfigValue::value).orElse(DEFAULT_DOCKER_HOST);
        this.stopDatabaseOnClose = b.stopDatabaseOnClose;
        this.dispatch = b.dispatch;
        this.queueServed = b.queueServed;
    }

    public static LocalOptions fromEnvironment() {
        return builder(ConfigSources.load()).build();
    }

    public static Builder builder(ConfigSources sources) {
        return new Builder(sources);
    }

    public ConfigSources sources() { return sources; }
    public Clock clock() { return clock; }
    public Duration heartbeatInterval() { return heartbeatInterval; }
    /** How long an execution may go without a heartbeat before the reaper takes it for lost. */
    public Duration staleAfter() { return Reaper.staleAfter(heartbeatInterval, Reaper.DEFAULT_MISSED_LIMIT); }
    public String dockerHost() { return dockerHost; }
    public boolean stopDatabaseOnClose() { return stopDatabaseOnClose; }
    public Dispatch dispatch() { return dispatch; }
    /** Whether a queue dispatcher (a server's) serves every queued execution: then none is taken for lost while queued. */
    public boolean queueServed() { return queueServed; }

    public Builder toBuilder() {
        Builder b = new Builder(sources);
        b.clock = clock;
        b.heartbeatInterval = heartbeatInterval;
        b.dockerHost = dockerHost;
        b.stopDatabaseOnClose = stopDatabaseOnClose;
        b.dispatch = dispatch;
        b.queueServed = queueServed;
        return b;
    }

    public static final class Builder {
        private final ConfigSources sources;
        private Clock clock = Clock.systemUTC();
        private Duration heartbeatInterval;
        private String dockerHost;
        private boolean stopDatabaseOnClose;
        private Dispatch dispatch = Dispatch.SUBMITTED;
        private boolean queueServed;

        private Builder(ConfigSources sources) {
            this.sources = sources;
        }

        public Builder clock(Clock value) { clock = Objects.requireNonNull(value); return this; }
        public Builder heartbeatInterval(Duration value) { heartbeatInterval = value; return this; }
        /** The Docker engine to use; one that cannot be reached makes runs local processes. */
        public Builder dockerHost(String value) { dockerHost = value; return this; }
        /** Stop the embedded PostgreSQL when the engine closes (tests); by default it stays up for other commands. */
        public Builder stopDatabaseOnClose(boolean value) { stopDatabaseOnClose = value; return this; }
        public Builder dispatch(Dispatch value) { dispatch = Objects.requireNonNull(value); return this; }
        /** A queue dispatcher serves every queued execution (a server), however long they wait. */
        public Builder queueServed(boolean value) { queueServed = value; return this; }

        public LocalOptions build() {
            LocalOptions options = new LocalOptions(this);
            if (options.heartbeatInterval.isNegative() || options.heartbeatInterval.isZero()) {
                throw new IllegalArgumentException("heartbeat interval must be positive");
            }
            return options;
        }
    }
}
