package dev.rgrid.core.model;

import java.util.Objects;

/** How an attempt ended: a final status, a reason a person can read, and the exit code if there was one. */
public record Outcome(ExecutionStatus status, String reason, Integer exitCode) {
    public Outcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if (!status.isFinal()) throw new IllegalArgumentException("an outcome needs a final status, not " + status);
    }

    public static Outcome exited(int exitCode) {
        return exitCode == 0
                ? new Outcome(ExecutionStatus.SUCCEEDED, "Exited with code 0", 0)
                : new Outcome(ExecutionStatus.FAILED, "Exited with code " + exitCode, exitCode);
    }
}
