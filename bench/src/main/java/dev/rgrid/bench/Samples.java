package dev.rgrid.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations in milliseconds, and their percentiles (nearest rank). */
final class Samples {
    private final List<Double> values = new ArrayList<>();

    void add(double ms) { values.add(ms); }

    double mean() { return values.stream().mapToDouble(Double::doubleValue).average().orElse(0); }

    double percentile(double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    String summary() {
        return String.format("p50 %.0f ms, p95 %.0f ms (n=%d)", percentile(50), percentile(95), values.size());
    }
}
