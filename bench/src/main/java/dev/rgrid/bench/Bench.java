package dev.rgrid.bench;

import dev.rgrid.sdk.RGrid;
import dev.rgrid.server.testing.RayTestCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs the benchmarks and prints each result against its baseline, measured in the same run.
 * {@code bench/run [--runs N] [--seconds N] [--only NAME[,NAME]]}; names: hello, hello-server, cli, submit, files, deps,
 * cluster, autoscale.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        int runs = 30;
        int seconds = 20;
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--only" -> only.addAll(List.of(args[++i].split(",")));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --runs N, --seconds N, --only hello,hello-server,cli,submit,files,deps,cluster,autoscale");
            }
        }
        // Interrupted (Ctrl-C), the benchmark must not leave its servers running: they are its child processes.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        int helloRuns = runs;
        int submitSeconds = seconds;
        Map<String, Callable<List<Result>>> benchmarks = new LinkedHashMap<>();
        benchmarks.put("hello", () -> List.of(new HelloLatency(helloRuns, "through the embedded engine", RGrid::local).measure()));
        benchmarks.put("hello-server", () -> {
            try (ServerUnderTest server = ServerUnderTest.start(Map.of())) {
                return List.of(new HelloLatency(helloRuns, "through the server",
                        () -> RGrid.connect(server.url(), server.apiKey())).measure());
            }
        });
        benchmarks.put("cli", () -> new CliLatency(Math.min(helloRuns, 10)).measure());
        benchmarks.put("submit", () -> List.of(new SubmissionThroughput(submitSeconds).measure()));
        benchmarks.put("files", () -> List.of(new FileTransfer().measure()));
        benchmarks.put("deps", () -> List.of(DependencyLatency.measure(helloRuns)));
        benchmarks.put("cluster", () -> {
            try (RayTestCluster cluster = RayTestCluster.start(ClusterThroughput.PARALLEL, "2g");
                 ServerUnderTest server = ServerUnderTest.startDriver(cluster.address(), cluster.rayDistJar())) {
                return List.of(new ClusterThroughput(server).measure(), new ClusterRecovery(server, cluster).measure());
            }
        });
        benchmarks.put("autoscale", Autoscale::measure);
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, Callable<List<Result>>> b : benchmarks.entrySet()) {
            if (only.isEmpty() || only.contains(b.getKey())) results.addAll(b.getValue().call());
        }
        System.out.println();
        for (Result result : results) System.out.println(result.render());
    }
}
