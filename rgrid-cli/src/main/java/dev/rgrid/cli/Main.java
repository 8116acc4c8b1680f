package dev.rgrid.cli;

import java.util.Arrays;

/** {@code rgrid}: runs one command against the embedded engine and exits with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // The engine logs through slf4j-simple: warnings only (docker-java's callback errors not even those),
        // everything with --debug. Decided here because it must be before any logger exists.
        boolean debug = Arrays.asList(args).contains("--debug");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.log.com.github.dockerjava", debug ? "debug" : "off");
        int exitCode = Cli.forArguments(CliContext.fromSystem(), args).execute(args);
        System.exit(exitCode);
    }
}
