package dev.rgrid.bench;

import java.util.List;

/**
 * Runs the benchmarks and prints each result against its baseline, measured in the same run.
 * {@code bench/run [--runs N]}.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        int runs = 30;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs") && i + 1 < args.length) runs = Integer.parseInt(args[++i]);
        }
        List<Result> results = List.of(new HelloLatency(runs).measure());
        System.out.println();
        for (Result result : results) System.out.println(result.render());
    }
}
