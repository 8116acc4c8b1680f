package dev.rgrid.core.model;

import java.util.Locale;

/** Whether a file of an execution was given to it (an input) or written by it (an output). */
public enum FileKind {
    INPUT, OUTPUT;

    public String label() { return name().toLowerCase(Locale.ROOT); }

    public static FileKind fromLabel(String text) { return valueOf(text.trim().toUpperCase(Locale.ROOT)); }
}
