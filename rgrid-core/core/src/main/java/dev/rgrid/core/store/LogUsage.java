package dev.rgrid.core.store;

/**
 * An execution's stored output: the highest sequence number written (0 when none) and the bytes of its script's
 * lines (UTF-8, one newline each), which count against the log limit.
 */
public record LogUsage(long lastSeq, long bytes) {
    public static final LogUsage NONE = new LogUsage(0, 0);
}
