package dev.rgrid.cli.command;

import picocli.CommandLine.Option;

/** {@code --json}, the same on every command that prints something to read. */
public final class JsonOption {
    @Option(names = "--json", description = "Print JSON (times in ISO-8601); errors go to stderr as {\"error\":{...}}.")
    boolean enabled;

    public boolean enabled() { return enabled; }
}
