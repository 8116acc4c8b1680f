package dev.rgrid.cli.command;

import dev.rgrid.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code rgrid} without a command: shows what there is. */
@Command(name = "rgrid", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run a script in a safe, resource-limited container; see its status, logs and exit code.",
        footer = {"",
                "Exit codes: 0 ok; 1 RGrid failed; 2 bad command line or input, nothing ran; 3 no such execution.",
                "`rgrid run` exits with the script's exit code, or: 124 timed out; 125 ended without an exit code "
                        + "(could not start, worker lost); 130 cancelled; 137 killed for exceeding its memory limit."})
public final class RootCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show stack traces with errors, and the engine's log.")
    boolean debug;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
