package dev.rgrid.bench;

import dev.rgrid.sdk.RGrid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs the benchmarks and prints each result against its baseline, measured in the same run.
 * {@code bench/run [--runs N] [--seconds N] [--only NAME[,NAME]]}; names: hello, hello-server, submit, files.
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
                        + "; use --runs N, --seconds N, --only hello,hello-server,submit,files");
            }
        }
        int helloRuns = runs;
        int submitSeconds = seconds;
        Map<String, Callable<Result>> benchmarks = new LinkedHashMap<>();
        benchmarks.put("hello", () -> new HelloLatency(helloRuns, "through the embedded engine", RGrid::local).measure());
        benchmarks.put("hello-server", () -> {
            try (ServerUnderTest server = ServerUnderTest.start(Map.of())) {
                return new HelloLatency(helloRuns, "through the server",
                        () -> RGrid.connect(server.url(), server.apiKey())).measure();
            }
        });
        benchmarks.put("submit", () -> new SubmissionThroughput(submitSeconds).measure());
        benchmarks.put("files", () -> new FileTransfer().measure());
        benchmarks.put("deps", () -> DependencyLatency.measure(helloRuns));
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, Callable<Result>> b : benchmarks.entrySet()) {
            if (only.isEmpty() || only.contains(b.getKey())) results.add(b.getValue().call());
        }
        System.out.println();
        for (Result result : results) System.out.println(result.render());
    }
}
