package dev.rgrid.cli;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.model.Execution;

/**
 * What {@code rgrid} exits with. Every command but {@code run} exits {@link #OK}, {@link #FAILURE},
 * {@link #USAGE} or {@link #NOT_FOUND}; an attached {@code run} exits like {@code docker run}: with the
 * script's exit code, or with one of the codes below when the script gave none.
 */
public final class ExitCodes {
    /** Done as asked. */
    public static final int OK = 0;
    /** RGrid itself failed: the store is unavailable, or an internal error. */
    public static final int FAILURE = 1;
    /** The command line or its input was refused (bad option, missing script, unknown runtime, bad limit); nothing ran. */
    public static final int USAGE = 2;
    /** No execution with the id given. */
    public static final int NOT_FOUND = 3;
    /** The run was stopped at its timeout; as GNU {@code timeout} does. */
    public static final int TIMED_OUT = 124;
    /** The run ended without the script's exit code: it could not start, or its worker was lost; as {@code docker run}'s 125. */
    public static final int NOT_RUN = 125;
    /** The run was cancelled: 128 + SIGINT. */
    public static final int CANCELLED = 130;
    /** The run was killed for exceeding its memory limit: 128 + SIGKILL. */
    public static final int OOM_KILLED = 137;

    private ExitCodes() {}

    public static int forException(Throwable e) {
        if (e instanceof NotFoundException) return NOT_FOUND;
        if (e instanceof InvalidInputException) return USAGE;
        return FAILURE;
    }

    /**
     * The exit code of a finished run. The status decides for timeouts, cancellations and OOM kills
     * (the container's own code there is only the kill's echo); otherwise the script's code counts.
     */
    public static int forExecution(Execution execution) {
        return switch (execution.status()) {
            case SUCCEEDED -> OK;
            case TIMED_OUT -> TIMED_OUT;
            case CANCELLED -> CANCELLED;
            case OOM_KILLED -> OOM_KILLED;
            case FAILED -> execution.exitCode() != null && execution.exitCode() != 0 ? execution.exitCode() : NOT_RUN;
            case WORKER_LOST, QUEUED, DISPATCHED, RUNNING -> NOT_RUN;
        };
    }
}
