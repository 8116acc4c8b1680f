package dev.rgrid.bench;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * examples/hello.py through an engine (submit, run in a hardened container, logs stored, final status
 * and logs read back) against a raw `docker run` of the same image and command with the same limits,
 * alternating the two so drift in the machine hits both alike. The engine is warm: it is opened once,
 * and the first runs of each are discarded.
 */
final class HelloLatency {
    private static final int WARMUP = 3;
    private static final double TARGET_ADDED_P50_MS = 150;

    /** Where the engine under test comes from: the embedded one, or a client of a server. */
    interface Engine {
        RGrid open() throws Exception;
    }

    private final int runs;
    private final String via;
    private final Engine engineUnderTest;

    HelloLatency(int runs, String via, Engine engineUnderTest) {
        this.runs = runs;
        this.via = via;
        this.engineUnderTest = engineUnderTest;
    }

    Result measure() throws Exception {
        Path script = Path.of("examples/hello.py");
        byte[] code = Files.readAllBytes(script);
        Path dir = Files.createTempDirectory("rgrid-bench-");
        Files.write(dir.resolve("hello.py"), code);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Samples engine = new Samples();
        Samples raw = new Samples();
        Samples added = new Samples();
        try (RGrid rgrid = engineUnderTest.open()) {
            String image = rgrid.runtimes().stream().filter(r -> r.isDefault()).findFirst().orElseThrow().image();
            List<String> docker = RawDocker.command(image, dir, "hello.py");
            System.out.printf("hello.py %s: %d runs each (after %d warm-up), engine: %s%n", via, runs, WARMUP,
                    rgrid.info().detail());
            for (int i = 0; i < runs + WARMUP; i++) {
                double e = timeEngine(rgrid, code);
                double r = RawDocker.time(docker);
                if (i < WARMUP) continue;
                engine.add(e);
                raw.add(r);
                added.add(e - r);
                System.out.printf("  run %2d: rgrid %6.0f ms   docker run %6.0f ms%n", i - WARMUP + 1, e, r);
            }
        }
        double p50Added = engine.percentile(50) - raw.percentile(50);
        double p95Added = engine.percentile(95) - raw.percentile(95);
        return new Result("hello.py latency " + via + " vs raw docker run",
                engine.summary(), raw.summary(),
                String.format("ratio p50 %.2fx; added %.0f ms p50, %.0f ms p95 (paired: %.0f ms p50)",
                        engine.percentile(50) / raw.percentile(50), p50Added, p95Added, added.percentile(50)),
                "added latency p50 < " + (int) TARGET_ADDED_P50_MS + " ms", p50Added < TARGET_ADDED_P50_MS);
    }

    private static double timeEngine(RGrid rgrid, byte[] code) {
        long start = System.nanoTime();
        Execution submitted = rgrid.submit(ExecutionSpec.builder("hello.py", code).metadata("bench", "hello").build());
        Execution done = rgrid.await(submitted.id(), Duration.ofMinutes(2));
        rgrid.logs(done.id(), LogQuery.all());
        double ms = (System.nanoTime() - start) / 1e6;
        if (done.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("hello.py did not succeed through the engine: " + done.reason());
        }
        return ms;
    }
}
