package dev.rgrid.core.model;

import java.util.Locale;

/** Where a log line came from: the script's stdout or stderr, or RGrid itself. */
public enum LogStream {
    STDOUT, STDERR, SYSTEM;

    public String label() { return name().toLowerCase(Locale.ROOT); }

    public static LogStream fromLabel(String text) { return valueOf(text.trim().toUpperCase(Locale.ROOT)); }
}
