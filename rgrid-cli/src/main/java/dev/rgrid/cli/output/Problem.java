package dev.rgrid.cli.output;

import dev.rgrid.core.RGridException;

/**
 * An error as the user sees it: a stable code, what failed, the value at fault and what to do.
 *
 * @param value null when there is no single value at fault
 * @param hint  null when there is nothing better to suggest
 */
public record Problem(String code, String message, String value, String hint) {
    public static final String DEBUG_HINT = "Rerun with --debug to see the stack trace, and report it if it persists";

    public static Problem of(Throwable e) {
        if (e instanceof RGridException r) return new Problem(r.code(), r.what(), r.value(), r.hint());
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
        return new Problem("internal_error", "Internal error: " + message, null, DEBUG_HINT);
    }
}
