package dev.rgrid.core.model;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Where an execution is in its life. The allowed moves are the table below; anything else is a bug. */
public enum ExecutionStatus {
    QUEUED, DISPATCHED, RUNNING, SUCCEEDED, FAILED, TIMED_OUT, OOM_KILLED, CANCELLED, WORKER_LOST;

    private static final Set<ExecutionStatus> FINAL =
            EnumSet.of(SUCCEEDED, FAILED, TIMED_OUT, OOM_KILLED, CANCELLED, WORKER_LOST);

    private static final Map<ExecutionStatus, Set<ExecutionStatus>> ALLOWED = new EnumMap<>(ExecutionStatus.class);

    static {
        ALLOWED.put(QUEUED, EnumSet.of(DISPATCHED, CANCELLED, FAILED, WORKER_LOST));
        // DISPATCHED -> QUEUED and RUNNING -> QUEUED are retries of a lost attempt.
        ALLOWED.put(DISPATCHED, EnumSet.of(RUNNING, QUEUED, CANCELLED, FAILED, WORKER_LOST));
        ALLOWED.put(RUNNING, EnumSet.of(QUEUED, SUCCEEDED, FAILED, TIMED_OUT, OOM_KILLED, CANCELLED, WORKER_LOST));
        for (ExecutionStatus s : FINAL) ALLOWED.put(s, EnumSet.noneOf(ExecutionStatus.class));
    }

    public boolean isFinal() { return FINAL.contains(this); }

    public boolean canMoveTo(ExecutionStatus next) { return ALLOWED.get(this).contains(next); }

    /** Statuses this one may move to; empty for a final status. */
    public Set<ExecutionStatus> next() {
        Set<ExecutionStatus> next = EnumSet.noneOf(ExecutionStatus.class);
        next.addAll(ALLOWED.get(this));
        return next;
    }

    public static Set<ExecutionStatus> finals() { return EnumSet.copyOf(FINAL); }

    /** The lower-case name users see and type: {@code timed_out}. */
    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** Parses a user-typed status, case-insensitively; null when it is not one. */
    public static ExecutionStatus fromLabel(String text) {
        for (ExecutionStatus s : values()) if (s.label().equalsIgnoreCase(text.trim())) return s;
        return null;
    }
}
