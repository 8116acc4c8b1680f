package dev.rgrid.core.model;

import java.util.Objects;

/** How an attempt ended: a final status, a reason a person can read, and the exit code if there was one. */
public record Outcome(ExecutionStatus status, String reason, Integer exitCode) {
    public Outcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if (!status.isFinal()) throw new IllegalArgumentException("an outcome needs a final status, not " + status);
    }

    /** Exit code of a process killed by SIGKILL, as a memory kill or a timeout leaves it. */
    public static final int KILLED_EXIT_CODE = 137;

    public static Outcome timedOut(Limits limits, Integer exitCode) {
        return new Outcome(ExecutionStatus.TIMED_OUT, "Timeout after " + limits.timeout().toSeconds() + " s", exitCode);
    }

    public static Outcome oomKilled(Limits limits) {
        return new Outcome(ExecutionStatus.OOM_KILLED,
                "Killed for exceeding its memory limit of " + limits.memoryMb() + " MB", KILLED_EXIT_CODE);
    }

    public static Outcome cancelled(Integer exitCode) {
        return new Outcome(ExecutionStatus.CANCELLED, "Cancelled by user", exitCode);
    }

    public static Outcome exited(int exitCode) {
        return exitCode == 0
                ? new Outcome(ExecutionStatus.SUCCEEDED, "Exited with code 0", 0)
                : new Outcome(ExecutionStatus.FAILED, "Exited with code " + exitCode, exitCode);
    }
}
