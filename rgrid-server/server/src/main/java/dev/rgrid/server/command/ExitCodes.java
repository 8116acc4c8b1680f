package dev.rgrid.server.command;

/** The exit codes of {@code rgrid-server}, named. */
public final class ExitCodes {
    public static final int OK = 0;
    /** A command failed (a key that does not exist, a refused input). */
    public static final int FAILED = 1;
    /** The command line is wrong. */
    public static final int USAGE = 2;
    /** A database or other service is unreachable (sysexits EX_UNAVAILABLE). */
    public static final int UNAVAILABLE = 69;
    /** A setting is missing or malformed (sysexits EX_CONFIG). */
    public static final int CONFIG = 78;

    private ExitCodes() {}
}
