package dev.rgrid.worker.deps;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.runtime.RuntimeEntry;
import dev.rgrid.worker.exec.LogSink;
import dev.rgrid.worker.exec.ReadOnlyMount;
import dev.rgrid.worker.exec.StopSignal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The dependency step of a run: reads the manifest, finds its environment in this node's cache or installs
 * it there (telling the run's log as it goes, on the SYSTEM stream), and says what to mount.
 */
public final class Dependencies {
    public static final String INSTALLING = "Installing dependencies...";
    static final int KEPT_LINES = 200;

    private final DependencySettings settings;
    private final DependencyCache cache;
    private final Clock clock;

    public Dependencies(DependencySettings settings, Clock clock) {
        this.settings = settings;
        this.cache = new DependencyCache(settings.cacheDir(), settings.maxBytes(), clock);
        this.clock = clock;
    }

    public DependencyCache cache() { return cache; }

    /**
     * Makes the manifest at {@code manifestPath} in {@code workDir} ready for a run in {@code image}. Throws
     * {@link DependencyInstallException} when pip or npm fails, and InvalidInputException for a bad manifest.
     */
    public PreparedDependencies prepare(Installer installer, RuntimeEntry runtime, String image, Path workDir,
                                        String manifestPath, String executionId, LogSink logs, StopSignal stop) {
        DependencyKind kind = DependencyKind.of(manifestPath, runtime);
        Manifest manifest = ManifestReader.read(workDir, manifestPath, kind);
        if (kind == DependencyKind.PIP && manifest.files().get(Manifest.REQUIREMENTS).length == 0) {
            return PreparedDependencies.NONE;
        }
        String imageId = installer.imageId(image);
        String key = key(imageId, manifest);
        CachedEnvironment environment = cache.acquire(key, new DependencyCache.Description(runtime.name(), imageId, kind),
                dir -> install(installer, new InstallJob(executionId, image, manifest, dir, settings), logs, stop));
        if (!environment.installed()) system(logs, "Using cached dependencies (" + manifestPath + ", cache key " + key + ")");
        Path result = environment.dir().resolve(kind.resultDir());
        if (!Files.isDirectory(result)) return new PreparedDependencies(List.of(), Map.of(), environment);
        return new PreparedDependencies(List.of(new ReadOnlyMount(result, kind.mountPoint())),
                kind == DependencyKind.PIP ? Map.of("PYTHONPATH", kind.mountPoint()) : Map.of(), environment);
    }

    private void install(Installer installer, InstallJob job, LogSink logs, StopSignal stop) {
        system(logs, INSTALLING);
        system(logs, describe(job));
        Instant started = clock.instant();
        Deque<String> tail = new ArrayDeque<>();
        LogSink tap = (stream, time, text) -> {
            if (text.isBlank()) return;
            synchronized (tail) {
                if (tail.size() == KEPT_LINES) tail.removeFirst();
                tail.addLast(text);
            }
            logs.line(LogStream.SYSTEM, time, text);
        };
        Outcome outcome;
        try {
            for (var file : job.manifest().files().entrySet()) Files.write(job.dir().resolve(file.getKey()), file.getValue());
            Files.createDirectories(job.dir().resolve(InstallCommands.SCRATCH));
            outcome = installer.install(job, tap, stop);
            dev.rgrid.worker.deps.internal.EntryFiles.deleteTree(job.dir().resolve(InstallCommands.SCRATCH));
        } catch (IOException e) {
            throw new RGridException("deps_install_dir_failed", "Cannot prepare the dependency install directory",
                    job.dir().toString(), "Check free disk space and permissions under " + settings.cacheDir(), e);
        }
        if (outcome.status() == ExecutionStatus.SUCCEEDED) {
            system(logs, "Dependencies installed in " + Duration.between(started, clock.instant()).toMillis() / 1000.0 + " s");
            return;
        }
        List<String> lines;
        synchronized (tail) {
            lines = new ArrayList<>(tail);
        }
        throw new DependencyInstallException(switch (outcome.status()) {
            case CANCELLED -> outcome;
            case TIMED_OUT -> failed("timed out (" + outcome.reason() + ")");
            case OOM_KILLED -> failed("out of memory (" + outcome.reason() + ")");
            default -> failed(KeyErrorLine.of(job.manifest().kind(), lines,
                    outcome.exitCode() == null ? -1 : outcome.exitCode()));
        });
    }

    /** What runs, in words a user recognises: {@code pip install -r requirements.txt (index ...)}. */
    private static String describe(InstallJob job) {
        DependencySettings settings = job.settings();
        if (job.manifest().kind() == DependencyKind.PIP) {
            return "pip install -r " + job.manifest().path()
                    + (settings.pipIndexUrl() == null ? "" : " (index " + settings.pipIndexUrl() + ")");
        }
        return "npm " + (job.manifest().locked() ? "ci" : "install") + " for " + job.manifest().path()
                + (settings.npmRegistry() == null ? "" : " (registry " + settings.npmRegistry() + ")");
    }

    private static Outcome failed(String detail) {
        return new Outcome(ExecutionStatus.FAILED, DependencyInstallException.PREFIX + detail, null);
    }

    /** Runtime image id and manifest, hashed: the same pair always finds the same entry. */
    static String key(String imageId, Manifest manifest) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(imageId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(manifest.keyMaterial());
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void system(LogSink logs, String text) {
        logs.line(LogStream.SYSTEM, clock.instant(), text);
    }
}
