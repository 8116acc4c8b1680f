package dev.rgrid.cli.resident;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteOptions;
import dev.rgrid.sdk.remote.RemoteRGrid;
import dev.rgrid.sdk.remote.RetryListener;
import dev.rgrid.server.resident.EngineIdentity;
import dev.rgrid.server.resident.EngineRecord;
import dev.rgrid.server.resident.ResidentMain;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds this home's resident engine, starting it when there is none, none alive, or one of another build or other
 * settings (which then retires by itself once its runs have ended). Starts are serialised by a lock file, so two
 * commands at once start one engine; a command that finds a live engine of its own identity takes no lock at all.
 */
public final class ResidentEngines {
    public static final String LOG_FILE = "engine.log";
    static final String LOCK_FILE = "engine.lock";
    /** The first start opens PostgreSQL (initialising it on a new home), Ray and Docker: seconds, not minutes. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final long TAIL_BYTES = 16 * 1024;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private ResidentEngines() {}

    /** The engine that serves {@code sources}' home with {@code sources}' settings, started when needed. */
    public static EngineRecord ensure(ConfigSources sources) {
        Path home = sources.home();
        String identity = EngineIdentity.of(EngineClassPath.get(), sources);
        Optional<EngineRecord> found = usable(home, identity);
        if (found.isPresent()) return found.get();
        try {
            Files.createDirectories(home);
            try (FileChannel channel = new RandomAccessFile(home.resolve(LOCK_FILE).toFile(), "rw").getChannel();
                 FileLock ignored = channel.lock()) {
                found = usable(home, identity); // another command may have started it while this one waited
                return found.isPresent() ? found.get() : start(sources, identity);
            }
        } catch (IOException e) {
            throw new RGridException("engine_lock", "Cannot take the lock that serialises starting the local engine",
                    home.resolve(LOCK_FILE).toString(), "Check that the RGrid home is yours and writable", e);
        }
    }

    /** A client of this home's engine, started when needed, telling {@code listener} when it retries a request. */
    public static RemoteRGrid connect(ConfigSources sources, RetryListener listener) {
        EngineRecord engine = ensure(sources);
        return RGrid.connect(RemoteOptions.builder(engine.url(), engine.secret()).listener(listener)
                .unreachableHint("This is the home's local engine (pid " + engine.pid() + "), which does not answer: see "
                        + sources.home().resolve(LOG_FILE) + "; `kill " + engine.pid() + "` and the next command starts "
                        + "another (a run it had in hand is retried)")
                .build());
    }

    /**
     * Stops {@code engine}'s process (its runs, if any, are cancelled: callers check first) and waits for it to exit;
     * whether it was running.
     */
    public static boolean stop(EngineRecord engine) {
        ProcessHandle process = ProcessHandle.of(engine.pid()).orElse(null);
        if (process == null || !engine.alive()) return false;
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the engine to exit failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** The running engine of this home, whatever its identity; empty when none is alive. */
    public static Optional<EngineRecord> running(Path home) {
        return EngineRecord.read(home).filter(EngineRecord::alive);
    }

    private static Optional<EngineRecord> usable(Path home, String identity) {
        return running(home).filter(r -> r.identity().equals(identity));
    }

    private static EngineRecord start(ConfigSources sources, String identity) {
        Path home = sources.home();
        String instance = UUID.randomUUID().toString();
        Path log = home.resolve(LOG_FILE);
        long logStart = log.toFile().length(); // what this start writes comes after: earlier starts' lines are not its story
        Process process = spawn(sources.env(), identity, instance, log);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Optional<EngineRecord> record = EngineRecord.read(home).filter(r -> r.instance().equals(instance));
            if (record.isPresent()) return record.get();
            if (!process.isAlive()) throw notStarted(log, logStart, "it exited with code " + process.exitValue());
            try {
                Thread.sleep(20); // a file the engine writes once it listens; nothing to wait on but the file system
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw notStarted(log, logStart, "interrupted while waiting for it");
            }
        }
        process.destroy();
        throw notStarted(log, logStart, "it did not listen within " + START_TIMEOUT.toSeconds() + " s");
    }

    /** The engine's process, started as a command of {@code identity} starts it (a test starts one of another build). */
    static Process spawn(Map<String, String> env, String identity, String instance, Path log) {
        List<String> command = new ArrayList<>();
        // A session of its own: a Ctrl-C meant for the terminal's foreground command does not reach it.
        if (Files.isExecutable(SETSID)) command.add(SETSID.toString());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(engineJvmArguments());
        command.addAll(List.of("-cp", EngineClassPath.get()));
        command.addAll(ResidentMain.arguments(identity, instance));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The settings are the command's (a test's map, or the process environment): RGrid's own variables come from
        // them alone, the rest (PATH, HOME) from this process.
        builder.environment().keySet().removeIf(name -> name.startsWith("RGRID_"));
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new RGridException("engine_not_started", "The local engine could not be started", String.join(" ", command),
                    "Check that java runs here; or use a server (rgrid init)", e);
        }
    }

    /**
     * This JVM's flags that the engine needs too: the module openings Ray's serializer relies on, memory and stack
     * sizes, system properties. Nothing else: not what only a short-lived command wants (C1-only compilation, the serial
     * collector, the command's class-data archive), nor agents, logging or recordings meant for this process.
     */
    private static List<String> engineJvmArguments() {
        List<String> kept = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") || arg.startsWith("-Xmx")
                    || arg.startsWith("-Xss") || arg.startsWith("-D")) {
                kept.add(arg);
            }
        }
        return kept;
    }

    private static RGridException notStarted(Path log, long logStart, String why) {
        return new RGridException("engine_not_started", "The local engine did not start: " + why + tail(log, logStart),
                log.toString(), "Read " + log + " for the whole story; the next command tries again");
    }

    /** What this start wrote to the log that says why (read from where it began, not the whole log). */
    private static String tail(Path log, long from) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(from, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            // The engine's own reason when it gave one (the trace before it stays in the log); else its last lines.
            List<String> reason = lines.stream().filter(l -> l.startsWith(ResidentMain.REASON))
                    .map(l -> l.substring(ResidentMain.REASON.length())).toList();
            List<String> last = !reason.isEmpty() ? reason.subList(reason.size() - 1, reason.size())
                    : lines.subList(Math.max(0, lines.size() - 8), lines.size());
            return last.isEmpty() ? "" : "\n  " + String.join("\n  ", last);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
