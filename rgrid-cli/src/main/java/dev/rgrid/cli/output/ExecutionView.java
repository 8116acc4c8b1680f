package dev.rgrid.cli.output;

import dev.rgrid.core.model.Attempt;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.Limits;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An execution as {@code --json} shows it. Statuses are the labels users type ({@code timed_out});
 * environment values are left out (they may hold secrets), their names are kept.
 */
public record ExecutionView(
        String id, String status, String reason, Integer exitCode, String script, List<String> args,
        String runtime, String image, LimitsView limits, Map<String, String> metadata, List<String> envNames,
        boolean network, String isolation, String node, int attempt, int maxAttempts, List<Attempt> attempts,
        Instant createdAt, Instant startedAt, Instant finishedAt, Double durationSeconds, long logsDroppedLines,
        long logsDroppedBytes) {

    /** Limits in plain units: MB, CPUs, seconds. */
    public record LimitsView(long memoryMb, double cpus, long timeoutSeconds, int pidsLimit) {
        static LimitsView of(Limits limits) {
            return new LimitsView(limits.memoryMb(), limits.cpus(), limits.timeout().toSeconds(), limits.pidsLimit());
        }
    }

    public static ExecutionView of(Execution e, Instant now) {
        return of(e, null, now);
    }

    /** With its attempts (null leaves them out: list views do not fetch them). */
    public static ExecutionView of(Execution e, List<Attempt> attempts, Instant now) {
        Double duration = e.startedAt() == null ? null : e.runTime(now).toMillis() / 1000.0;
        return new ExecutionView(e.id(), e.status().label(), e.reason(), e.exitCode(), e.scriptName(), e.args(),
                e.runtime(), e.image(), LimitsView.of(e.limits()), e.metadata(), List.copyOf(new TreeSet<>(e.env().keySet())),
                e.network(), e.isolation(), e.node(), e.attempt(), e.maxAttempts(), attempts, e.createdAt(), e.startedAt(),
                e.finishedAt(), duration, e.droppedLogs().lines(), e.droppedLogs().bytes());
    }
}
