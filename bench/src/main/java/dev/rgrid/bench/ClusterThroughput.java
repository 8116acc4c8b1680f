package dev.rgrid.bench;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.sdk.RGrid;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Trivial jobs per second through a server driving a real Ray cluster of two 1-slot nodes (submitted through
 * the SDK, all at once; timed from the first submission until all have ended) against the same number of raw
 * `docker run`s of the same image, command, limits and hardening, two at a time, in the same run; the median of
 * {@link #ROUNDS} rounds, each of both.
 */
final class ClusterThroughput {
    static final int PARALLEL = 2;
    private static final int JOBS = 200;
    /** Alternating rounds: on a shared 2-core machine one round of each swung the ratio by 0.1. */
    private static final int ROUNDS = 3;
    private static final double TARGET_RATIO = 0.8;
    private static final String SCRIPT = "print(1)\n";

    private final ServerUnderTest server;

    ClusterThroughput(ServerUnderTest server) {
        this.server = server;
    }

    Result measure() throws Exception {
        byte[] code = SCRIPT.getBytes(StandardCharsets.UTF_8);
        try (RGrid rgrid = RGrid.connect(server.url(), server.apiKey())) {
            String image = rgrid.runtimes().stream().filter(r -> r.name().equals(ExecutionSpec.DEFAULT_RUNTIME))
                    .findFirst().orElseThrow().image();
            System.out.printf("cluster: %d rounds of %d x print(1) through a server driving %d Ray nodes, then %d docker runs %d at a time%n",
                    ROUNDS, JOBS, PARALLEL, JOBS, PARALLEL);
            runAll(rgrid, code, PARALLEL * 2);
            List<Round> rounds = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                Round round = round(rgrid, code, image);
                System.out.printf("cluster: round %d: %.2f jobs/s against %.2f, ratio %.2f%n", i + 1,
                        round.cluster(), round.docker(), round.ratio());
                rounds.add(round);
            }
            Round median = rounds.stream().sorted(Comparator.comparingDouble(Round::ratio)).toList().get(ROUNDS / 2);
            String all = rounds.stream().map(r -> String.format("%.2f", r.ratio())).collect(Collectors.joining(", "));
            return new Result("trivial jobs per second through a 2-node Ray cluster vs raw docker run, 2 at a time"
                    + " (median of " + ROUNDS + " alternating rounds)",
                    String.format("%.2f jobs/s (%d in %.1f s; %s)", median.cluster(), JOBS, median.clusterSeconds(), median.breakdown()),
                    String.format("%.2f jobs/s (%d in %.1f s; docker run mean %.0f ms, %s)", median.docker(), JOBS,
                            median.dockerSeconds(), median.raw().mean(), median.raw().summary()),
                    String.format("ratio %.2f (rounds: %s); %.0f ms a job a slot against %.0f ms", median.ratio(), all,
                            median.clusterSeconds() * 1000 * PARALLEL / JOBS, median.dockerSeconds() * 1000 * PARALLEL / JOBS),
                    String.format("ratio >= %.1f", TARGET_RATIO), median.ratio() >= TARGET_RATIO);
        }
    }

    /** One round: JOBS through the cluster, then JOBS raw docker runs, back to back, so both meet the same machine. */
    private static Round round(RGrid rgrid, byte[] code, String image) throws Exception {
        long start = System.nanoTime();
        List<Execution> done = runAll(rgrid, code, JOBS);
        double clusterSeconds = (System.nanoTime() - start) / 1e9;
        Samples raw = new Samples();
        double dockerSeconds = dockerRuns(image, raw);
        return new Round(clusterSeconds, breakdown(done), dockerSeconds, raw);
    }

    private record Round(double clusterSeconds, String breakdown, double dockerSeconds, Samples raw) {
        double cluster() { return JOBS / clusterSeconds; }
        double docker() { return JOBS / dockerSeconds; }
        double ratio() { return cluster() / docker(); }
    }

    /** Submits {@code count} jobs one after the other, then waits for each; all must succeed. */
    private static List<Execution> runAll(RGrid rgrid, byte[] code, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(rgrid.submit(ExecutionSpec.builder("one.py", code).metadata("bench", "cluster").build()).id());
        }
        List<Execution> done = new ArrayList<>();
        for (String id : ids) {
            Execution e = rgrid.await(id, Duration.ofMinutes(10));
            if (e.status() != ExecutionStatus.SUCCEEDED) {
                throw new IllegalStateException("job " + id + " ended " + e.status().label() + ": " + e.reason());
            }
            done.add(e);
        }
        return done;
    }

    /**
     * Where a job's time goes, from the server's records: how long each ran (started to finished), and the idle
     * gap on a node between one job's end and the next one's start there.
     */
    private static String breakdown(List<Execution> done) {
        Samples ran = new Samples();
        Samples gaps = new Samples();
        Map<String, List<Execution>> byNode = done.stream().collect(Collectors.groupingBy(Execution::node));
        for (List<Execution> onNode : byNode.values()) {
            List<Execution> sorted = onNode.stream().sorted(Comparator.comparing(Execution::startedAt)).toList();
            for (int i = 0; i < sorted.size(); i++) {
                Execution e = sorted.get(i);
                ran.add(Duration.between(e.startedAt(), e.finishedAt()).toNanos() / 1e6);
                if (i > 0) gaps.add(Duration.between(sorted.get(i - 1).finishedAt(), e.startedAt()).toNanos() / 1e6);
            }
        }
        String split = byNode.entrySet().stream().map(n -> n.getKey() + " " + n.getValue().size())
                .sorted().collect(Collectors.joining(", "));
        return String.format("started to finished mean %.0f ms, %s; gap between jobs on a node mean %.0f ms, %s; %s",
                ran.mean(), ran.summary(), gaps.mean(), gaps.summary(), split);
    }

    /** Seconds for JOBS raw docker runs, PARALLEL at a time (after one warm-up each); each run's time in {@code raw}. */
    private static double dockerRuns(String image, Samples raw) throws Exception {
        Path dir = Files.createTempDirectory("rgrid-bench-cluster");
        Files.writeString(dir.resolve("one.py"), SCRIPT);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> command = RawDocker.command(image, dir, "one.py");
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<Double>> warm = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) warm.add(pool.submit(() -> RawDocker.time(command)));
            for (Future<Double> run : warm) run.get();
            List<Future<Double>> runs = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < JOBS; i++) runs.add(pool.submit(() -> RawDocker.time(command)));
            for (Future<Double> run : runs) raw.add(run.get());
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }
}
