package dev.rgrid.worker.docker;

import dev.rgrid.core.RGridException;

/**
 * The Docker engine failed us: unreachable, died during a run, or lost the image between resolve and
 * run. Kept apart from the user's own failures (a script that exits non-zero is an outcome, not an
 * exception) so that the caller can retry the attempt elsewhere instead of blaming the script.
 */
public class ContainerEngineException extends RGridException {
    public static final String UNREACHABLE = "container_engine_unreachable";
    public static final String FAILED = "container_engine_failed";
    public static final String IMAGE_MISSING = "container_image_missing";
    /** The container was killed from outside it: its engine stopped or restarted, or someone ran docker stop or kill. */
    public static final String KILLED_OUTSIDE = "container_killed_outside";

    /** Whether the attempt, not the script, failed: another attempt (on this node or another) may well succeed. */
    public boolean attemptLost() {
        return UNREACHABLE.equals(code()) || KILLED_OUTSIDE.equals(code());
    }

    public ContainerEngineException(String code, String what, String value, String hint, Throwable cause) {
        super(code, what, value, hint, cause);
    }
}
