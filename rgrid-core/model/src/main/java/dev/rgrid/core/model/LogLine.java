package dev.rgrid.core.model;

import java.time.Instant;

/**
 * One line of output, numbered in the order it was captured (seq starts at 1 for each execution),
 * so a reader can resume after the last line it saw.
 */
public record LogLine(long seq, LogStream stream, Instant time, String text) {}
