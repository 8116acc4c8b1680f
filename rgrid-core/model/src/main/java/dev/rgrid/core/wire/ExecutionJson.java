package dev.rgrid.core.wire;

import dev.rgrid.core.model.DroppedLogs;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An execution as the API shows it; {@code status} is the label users type ({@code timed_out}). {@code logsDroppedLines}
 * and {@code logsDroppedBytes} say what the server's log limit dropped from the middle of its output (0 when nothing).
 */
public record ExecutionJson(String id, String owner, String status, String reason, Integer exitCode, String scriptName,
                            List<String> args, String runtime, String image, Map<String, String> env, LimitsJson limits,
                            Map<String, String> metadata, boolean network, String isolation, String node, int attempt,
                            Instant createdAt, Instant startedAt, Instant finishedAt, String requirements,
                            int maxAttempts, long logsDroppedLines, long logsDroppedBytes) {

    public static ExecutionJson of(Execution e) {
        return new ExecutionJson(e.id(), e.owner(), e.status().label(), e.reason(), e.exitCode(), e.scriptName(), e.args(),
                e.runtime(), e.image(), e.env(), LimitsJson.of(e.limits()), e.metadata(), e.network(), e.isolation(),
                e.node(), e.attempt(), e.createdAt(), e.startedAt(), e.finishedAt(), e.requirements(), e.maxAttempts(),
                e.droppedLogs().lines(), e.droppedLogs().bytes());
    }

    public Execution toExecution() {
        return new Execution(id, scriptName, args, runtime, image, env, limits.over(dev.rgrid.core.model.Limits.DEFAULTS),
                metadata, network, ExecutionStatus.fromLabel(status), reason, exitCode, createdAt, startedAt, finishedAt,
                node, isolation, attempt, owner, requirements, maxAttempts,
                new DroppedLogs(logsDroppedLines, logsDroppedBytes));
    }
}
