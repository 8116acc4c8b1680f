package dev.rgrid.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One execution as the store knows it: what was asked, where it is, and how it ended.
 *
 * @param image      the container image the runtime resolved to
 * @param reason     a human reason for the current status; set for every final status
 * @param exitCode   the script's exit code, when it got one
 * @param node       the node that ran (or runs) the latest attempt
 * @param isolation  how the run was isolated: {@code container}, or {@code none} for the local-process fallback
 * @param attempt    the attempt number, from 1
 * @param owner      who it belongs to: the owner of the API key that created it, or {@code local}
 * @param maxAttempts how many attempts it may take when nodes die under it
 * @param requirements the dependency manifest's path in the working directory, installed before the script; null when none
 * @param droppedLogs what the log limit dropped from the middle of its output
 */
public record Execution(
        String id,
        String scriptName,
        List<String> args,
        String runtime,
        String image,
        Map<String, String> env,
        Limits limits,
        Map<String, String> metadata,
        boolean network,
        ExecutionStatus status,
        String reason,
        Integer exitCode,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String node,
        String isolation,
        int attempt,
        String owner,
        String requirements,
        int maxAttempts,
        DroppedLogs droppedLogs) {

    public static final String ISOLATION_CONTAINER = "container";
    public static final String ISOLATION_NONE = "none";
    /** The owner of everything the embedded default does. */
    public static final String LOCAL_OWNER = "local";

    public Execution {
        args = List.copyOf(args);
        env = Map.copyOf(env);
        metadata = Map.copyOf(metadata);
        droppedLogs = droppedLogs == null ? DroppedLogs.NONE : droppedLogs;
    }

    public boolean isFinal() { return status.isFinal(); }

    /** Time spent running, so far or in all, when it started. */
    public Duration runTime(Instant now) {
        if (startedAt == null) return Duration.ZERO;
        return Duration.between(startedAt, finishedAt != null ? finishedAt : now);
    }
}
