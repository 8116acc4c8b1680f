package dev.rgrid.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CLI as a user's shell runs it: whole {@code ./rgrid} processes (JVM start, the command, exit), each row alternating
 * with its baseline in the same run. Against this home's resident engine (started by the warm-up) and against a
 * server: {@code rgrid run examples/hello.py} against a raw {@code docker run} of the same image and hardening, and
 * {@code rgrid list} against {@code rgrid --version} (a JVM that starts, parses and exits).
 */
final class CliLatency {
    /**
     * Runs before the measured ones, as JMH warms up: the engine is a long-lived process, and what a user of a server in
     * use meets is its run path compiled by the JIT. Two were too few for that here: a resident engine's p50 went from
     * 418 to 368 ms over its first 70 runs (measured with the same loop in a shell).
     */
    private static final int WARMUP = 20;

    private final int runs;

    CliLatency(int runs) {
        this.runs = runs;
    }

    List<Result> measure() throws Exception {
        Path home = Files.createTempDirectory("rgrid-bench-cli-");
        Map<String, String> local = Map.of("RGRID_HOME", home.toString());
        List<Result> results = new ArrayList<>();
        try {
            results.add(run("embedded default (the home's resident engine)", local, 2.0));
            results.add(list("embedded default", local, 0.5));
            try (ServerUnderTest server = ServerUnderTest.start(Map.of())) {
                Map<String, String> remote = new HashMap<>(local);
                remote.put("RGRID_API_URL", server.url());
                remote.put("RGRID_API_KEY", server.apiKey());
                results.add(run("against a server", remote, 1.5));
                results.add(list("against a server", remote, 0.4));
            }
        } finally {
            rgrid(local, "shutdown");
        }
        return results;
    }

    private Result run(String via, Map<String, String> env, double maxRatio) throws Exception {
        Path dir = Files.createTempDirectory("rgrid-bench-docker-");
        Files.copy(Path.of("examples/hello.py"), dir.resolve("hello.py"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> docker = RawDocker.command("rgrid/python3.11", dir, "hello.py");
        Samples cli = new Samples();
        Samples raw = new Samples();
        System.out.printf("rgrid run examples/hello.py, %s: %d runs each (after %d warm-up)%n", via, runs, WARMUP);
        for (int i = 0; i < runs + WARMUP; i++) {
            double c = rgrid(env, "run", "examples/hello.py");
            awaitEngineSettled();
            double r = RawDocker.time(docker);
            if (i < WARMUP) continue;
            cli.add(c);
            raw.add(r);
            System.out.printf("  run %2d: rgrid run %6.0f ms   docker run %6.0f ms%n", i - WARMUP + 1, c, r);
        }
        double ratio = cli.percentile(50) / raw.percentile(50);
        return new Result("rgrid run examples/hello.py, " + via + ", vs docker run", cli.summary(), raw.summary(),
                String.format("ratio p50 %.2fx", ratio), "p50 <= " + maxRatio + "x docker run", ratio <= maxRatio);
    }

    private Result list(String via, Map<String, String> env, double maxSeconds) throws Exception {
        Samples list = new Samples();
        Samples version = new Samples();
        System.out.printf("rgrid list, %s: %d runs each (after %d warm-up)%n", via, runs, WARMUP);
        for (int i = 0; i < runs + WARMUP; i++) {
            double l = rgrid(env, "list");
            double v = rgrid(env, "--version");
            if (i < WARMUP) continue;
            list.add(l);
            version.add(v);
        }
        double p50 = list.percentile(50);
        return new Result("rgrid list, " + via + ", vs rgrid --version", list.summary(), version.summary(),
                String.format("p50 %.0f ms; ratio p50 %.2fx", p50, p50 / version.percentile(50)),
                "p50 <= " + (int) (maxSeconds * 1000) + " ms", p50 <= maxSeconds * 1000);
    }

    /**
     * Waits until the engine's work after a run is done (its container removed, the next one started ahead), so that
     * it does not run on the cores during the baseline's {@code docker run} and slow that instead.
     */
    private static void awaitEngineSettled() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (dockerPs("name=rgrid-run-", true).isEmpty() && !dockerPs("name=rgrid-warm-", false).isEmpty()) return;
            Thread.onSpinWait();
        }
        throw new IllegalStateException("the engine did not settle within 10 s of a run (docker ps)");
    }

    private static String dockerPs(String filter, boolean all) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker", "ps", "-q", "--filter", filter));
        if (all) command.add("-a");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out;
    }

    /** One {@code ./rgrid} process to its end; milliseconds taken. Throws when it fails. */
    private static double rgrid(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./rgrid"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("RGRID_"));
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process p = builder.start();
        byte[] out = p.getInputStream().readAllBytes();
        int code = p.waitFor();
        double ms = (System.nanoTime() - start) / 1e6;
        if (code != 0) throw new IllegalStateException("rgrid " + String.join(" ", args) + " failed (" + code + "): " + new String(out));
        return ms;
    }
}
