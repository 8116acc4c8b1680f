package dev.rgrid.server.resident;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.Quantities;
import dev.rgrid.core.config.Setting;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.server.RGridServer;
import dev.rgrid.server.Version;
import dev.rgrid.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A home's resident engine: the engine of {@code RGrid.local()} kept running between commands, served on loopback to
 * whoever holds the home's secret, so that a command costs a request instead of opening PostgreSQL, Ray and Docker.
 * It takes every queued run (a run requeued after a crash at once), and it leaves by itself: after
 * {@link Setting#ENGINE_IDLE} with nothing queued, running or asked; or, once a newer start has taken its place
 * (another build or other settings), after the runs it has in hand have ended.
 */
public final class ResidentEngine {
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(15);
    static final Duration MIN_IDLE = Duration.ofSeconds(2);
    /** How long a replaced engine lets its runs go on before it stops them; they are retried by the one that replaced it. */
    static final Duration RETIRE_PATIENCE = Duration.ofHours(24);
    private static final Logger LOG = LoggerFactory.getLogger(ResidentEngine.class);
    private static final Duration CHECK = Duration.ofSeconds(1);
    private static final Set<ExecutionStatus> ACTIVE = EnumSet.of(ExecutionStatus.QUEUED, ExecutionStatus.DISPATCHED,
            ExecutionStatus.RUNNING);

    private final Path home;
    private final EngineRecord record;
    private final RGridServer server;
    private final Duration idle;

    private ResidentEngine(Path home, EngineRecord record, RGridServer server, Duration idle) {
        this.home = home;
        this.record = record;
        this.server = server;
        this.idle = idle;
    }

    /** Starts the engine of the home {@code sources} name, tells the home where it is, and serves until it leaves. */
    public static void serve(ConfigSources sources, String identity, String instance) {
        Duration idle = sources.lookup(Setting.ENGINE_IDLE).map(ResidentEngine::idle).orElse(DEFAULT_IDLE);
        String secret = newSecret();
        ServerConfig config = ServerConfig.builder(sources).host("127.0.0.1").port(0).localSecret(secret).build();
        RGridServer server = RGridServer.start(config);
        Path home = sources.home();
        ProcessHandle self = ProcessHandle.current();
        EngineRecord record = new EngineRecord(instance, self.pid(), self.info().startInstant().orElseThrow(), config.host(),
                server.port(),
                identity, Version.current(), Clock.systemUTC().instant(), secret);
        ResidentEngine engine = new ResidentEngine(home, record, server, idle);
        closeToOthers(home);
        Thread hook = new Thread(engine::stop, "rgrid-resident-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        record.write(home);
        LOG.info("Resident engine {} of {} listening on {} (stops after {} s idle)", instance, home, record.url(),
                idle.toSeconds());
        engine.watch();
    }

    /** Checks once a second whether it was replaced or has been idle long enough; returns when it has left. */
    private void watch() {
        long idleSince = System.nanoTime();
        while (true) {
            sleep();
            if (!current()) {
                LOG.info("Another start took this home's engine over; retiring once the runs in hand have ended");
                server.retire(RETIRE_PATIENCE);
                return;
            }
            if (busy()) idleSince = System.nanoTime();
            Duration quiet = Duration.ofNanos(System.nanoTime() - idleSince);
            if (server.sinceLastRequest().compareTo(quiet) < 0) quiet = server.sinceLastRequest();
            if (quiet.compareTo(idle) >= 0) {
                LOG.info("Idle for {}; stopping (the next command starts the engine again)", idle);
                stop();
                return;
            }
        }
    }

    private boolean current() {
        return EngineRecord.read(home).map(r -> r.instance().equals(record.instance())).orElse(false);
    }

    /**
     * A run queued or under way in this home, whoever runs it. While its database cannot say (stopped, deleted), the runs
     * this engine has in hand decide: an engine whose database went away for good must not wait for it for ever.
     */
    private boolean busy() {
        try {
            Map<ExecutionStatus, Long> counts = server.engine().database().executions().countByStatus();
            return ACTIVE.stream().anyMatch(status -> counts.getOrDefault(status, 0L) > 0);
        } catch (RuntimeException e) {
            boolean inHand = server.engine().hasRunsInFlight();
            LOG.warn("Cannot count this home's runs ({}); {}", e.getMessage(),
                    inHand ? "runs are in hand, so not stopping" : "none in hand, so idle unless asked");
            return inHand;
        }
    }

    private synchronized void stop() {
        record.removeIfCurrent(home);
        server.close();
    }

    private static void sleep() {
        try {
            Thread.sleep(CHECK.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The home holds the runs' scripts, inputs, outputs and logs: others of this machine may not even look inside it
     * (as ~/.ssh), whatever the mode it was created with.
     */
    private static void closeToOthers(Path home) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(home);
            if (mode.removeIf(p -> !p.name().startsWith("OWNER_"))) Files.setPosixFilePermissions(home, mode);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("Cannot make {} private to its user: {}", home, e.getMessage());
        }
    }

    /** At least {@link #MIN_IDLE}: less would stop an engine between a command's start and its first request. */
    private static Duration idle(ConfigValue value) {
        Duration idle = Quantities.duration(value);
        if (idle.compareTo(MIN_IDLE) < 0) {
            throw new InvalidInputException("invalid_engine_idle", "The local engine's idle time is too short",
                    value.value() + " (from " + value.source() + ")", "Give at least " + MIN_IDLE.toSeconds()
                            + " s, for example RGRID_ENGINE_IDLE=" + Setting.ENGINE_IDLE.example());
        }
        return idle;
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
