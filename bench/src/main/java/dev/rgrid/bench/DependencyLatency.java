package dev.rgrid.bench;

import dev.rgrid.engine.LocalRGrid;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.engine.LocalOptions;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.worker.deps.Dependencies;
import dev.rgrid.worker.deps.DependencyCache;
import dev.rgrid.worker.deps.DependencySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a requirements.txt costs a run, through the embedded engine in a home of its own, installing a small
 * set of real wheels from this machine's pip index served over HTTP on the Docker bridge:
 * (a) a run whose requirements are cached against the same script with none, alternating;
 * (b) the install a cold run adds (cold run minus the plain run beside it; cache cleared each time) against a
 * plain {@code docker run <same image> pip install --target /tmp/x -r requirements.txt} from the same index.
 */
final class DependencyLatency {
    static final String PACKAGES = "six\nidna\nattrs\npackaging\ncertifi\n";
    private static final int WARMUP = 2;
    private static final double TARGET_RATIO = 1.2;
    private static final byte[] SCRIPT = "print('ok')\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] IMPORTING = "import six, idna, attrs, packaging, certifi\nprint('ok')\n".getBytes(StandardCharsets.UTF_8);

    private final int runs;
    private final Path indexRoot;

    DependencyLatency(int runs, Path indexRoot) {
        this.runs = runs;
        this.indexRoot = indexRoot;
    }

    /** Both comparisons as one result, from the index at $RGRID_BENCH_PIP_INDEX (default /opt/pypi). */
    static Result measure(int runs) throws Exception {
        Path root = Path.of(System.getenv().getOrDefault("RGRID_BENCH_PIP_INDEX", "/opt/pypi"));
        List<Result> both = new DependencyLatency(runs, root).measureBoth();
        Result a = both.get(0);
        Result b = both.get(1);
        return new Result("requirements.txt: (a) " + a.name() + "; (b) " + b.name(),
                "(a) " + a.measured() + "\n             (b) " + b.measured(),
                "(a) " + a.baseline() + "\n             (b) " + b.baseline(),
                "(a) " + a.comparison() + "; (b) " + b.comparison(), "(a) and (b) " + a.target(), a.met() && b.met());
    }

    List<Result> measureBoth() throws Exception {
        Path dir = Files.createTempDirectory("rgrid-bench-deps");
        Path requirements = Files.writeString(dir.resolve("requirements.txt"), PACKAGES);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(requirements, PosixFilePermissions.fromString("rw-r--r--"));
        try (LocalIndex index = new LocalIndex(indexRoot)) {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("RGRID_HOME", Files.createDirectory(dir.resolve("home")).toString());
            env.put("RGRID_PIP_INDEX_URL", index.simpleUrl());
            env.put("RGRID_PIP_TRUSTED_HOST", index.host());
            ConfigSources sources = ConfigSources.load(env);
            DependencyCache cache = DependencyCache.open(DependencySettings.from(sources), Clock.systemUTC());
            try (RGrid rgrid = LocalRGrid.open(LocalOptions.builder(sources).stopDatabaseOnClose(true).build())) {
                String image = rgrid.runtimes().stream().filter(r -> r.isDefault()).findFirst().orElseThrow().image();
                System.out.printf("requirements.txt (%s) from %s, image %s, %d runs each (after %d warm-up)%n",
                        PACKAGES.trim().replace('\n', ' '), index.simpleUrl(), image, runs, WARMUP);
                run(rgrid, IMPORTING, requirements, "the packages import");
                return List.of(cached(rgrid, requirements), cold(rgrid, cache, requirements, dockerInstall(index, image, dir)));
            }
        }
    }

    private Result cached(RGrid rgrid, Path requirements) {
        Samples withCache = new Samples();
        Samples plain = new Samples();
        for (int i = 0; i < runs + WARMUP; i++) {
            double c = run(rgrid, SCRIPT, requirements, "cached");
            double p = run(rgrid, SCRIPT, null, "plain");
            if (i < WARMUP) continue;
            withCache.add(c);
            plain.add(p);
            System.out.printf("  cached %2d: with cached requirements %6.0f ms   without %6.0f ms%n", i - WARMUP + 1, c, p);
        }
        double ratio = withCache.percentile(50) / plain.percentile(50);
        return new Result("run with cached requirements.txt vs the same script without", withCache.summary(), plain.summary(),
                String.format("ratio p50 %.2fx (%+.0f ms)", ratio, withCache.percentile(50) - plain.percentile(50)),
                "ratio <= " + TARGET_RATIO + "x", ratio <= TARGET_RATIO);
    }

    private Result cold(RGrid rgrid, DependencyCache cache, Path requirements, List<String> docker) throws Exception {
        Samples added = new Samples();
        Samples baseline = new Samples();
        Samples total = new Samples();
        for (int i = 0; i < runs + WARMUP; i++) {
            cache.clear();
            double c = run(rgrid, SCRIPT, requirements, "cold");
            double p = run(rgrid, SCRIPT, null, "plain");
            double d = Timing.command(docker);
            if (i < WARMUP) continue;
            total.add(c);
            added.add(c - p);
            baseline.add(d);
            System.out.printf("  cold %2d: cold run %6.0f ms - plain run %6.0f ms = install %6.0f ms   docker run pip install %6.0f ms%n",
                    i - WARMUP + 1, c, p, c - p, d);
        }
        double ratio = added.percentile(50) / baseline.percentile(50);
        return new Result("cold install in a run (cache cleared) vs docker run pip install",
                "install added " + added.summary() + "; whole cold run " + total.summary(), baseline.summary(),
                String.format("ratio p50 %.2fx", ratio), "ratio <= " + TARGET_RATIO + "x", ratio <= TARGET_RATIO);
    }

    private static List<String> dockerInstall(LocalIndex index, String image, Path dir) {
        return List.of("docker", "run", "--rm", "-v", dir.resolve("requirements.txt") + ":/req/requirements.txt:ro", image,
                "python3", "-m", "pip", "install", "--no-input", "--disable-pip-version-check", "--no-cache-dir",
                "--progress-bar", "off", "--index-url", index.simpleUrl(), "--trusted-host", index.host(),
                "--target", "/tmp/x", "-r", "/req/requirements.txt");
    }

    /** Submits, awaits and reads the logs back; checks that it installed only when {@code mode} is cold. */
    private static double run(RGrid rgrid, byte[] script, Path requirements, String mode) {
        ExecutionSpec.Builder spec = ExecutionSpec.builder("deps.py", script).metadata("bench", "deps");
        if (requirements != null) spec.input("requirements.txt", requirements).requirements("requirements.txt");
        long start = System.nanoTime();
        Execution done = rgrid.await(rgrid.submit(spec.build()).id(), Duration.ofMinutes(5));
        List<LogLine> logs = rgrid.logs(done.id(), LogQuery.all());
        double ms = (System.nanoTime() - start) / 1e6;
        boolean installed = logs.stream().anyMatch(l -> l.text().equals(Dependencies.INSTALLING));
        if (done.status() != ExecutionStatus.SUCCEEDED || installed != mode.equals("cold") && !mode.equals("the packages import")) {
            throw new IllegalStateException("the " + mode + " run went wrong: " + done.status() + " " + done.reason() + " " + logs);
        }
        return ms;
    }

    /** Timing an outside command, as the baselines run. */
    static final class Timing {
        private Timing() {}

        static double command(List<String> command) throws IOException, InterruptedException {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            int code = p.waitFor();
            double ms = (System.nanoTime() - start) / 1e6;
            if (code != 0) throw new IllegalStateException("failed (" + code + "): " + command + "\n" + new String(out, StandardCharsets.UTF_8));
            return ms;
        }
    }
}
