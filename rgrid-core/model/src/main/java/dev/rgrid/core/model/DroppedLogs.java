package dev.rgrid.core.model;

/**
 * What the log limit dropped from the middle of a run's output: lines and their bytes (UTF-8, newline included),
 * summed over its attempts. {@link #NONE} when everything was kept.
 */
public record DroppedLogs(long lines, long bytes) {
    public static final DroppedLogs NONE = new DroppedLogs(0, 0);

    public boolean any() { return lines > 0; }
}
