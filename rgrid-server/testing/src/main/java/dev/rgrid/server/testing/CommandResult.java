package dev.rgrid.server.testing;

/** What a finished {@code rgrid-server} command process left: its exit code and its two outputs. */
public record CommandResult(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
