package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rgrid cache}: this machine's dependency cache, with {@code list} and {@code clear}. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = {"Show or clear the dependency cache of this machine.",
                "",
                "Each run's requirements.txt or package.json is installed once per runtime image and kept, keyed by both, "
                        + "under $RGRID_HOME/deps, bounded by RGRID_DEPS_CACHE_MAX_BYTES (least recently used entries go first).",
                "",
                "The cache belongs to the node that runs the scripts: with a server configured (RGRID_API_URL) it lives "
                        + "on the server's worker nodes, and these commands still act on this machine's cache only."})
public final class CacheCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    /** The command with its subcommands, as {@link dev.rgrid.cli.Cli} adds it. */
    public static CommandLine create(CliContext context) {
        return new CommandLine(new CacheCommand())
                .addSubcommand(new CacheListCommand(context))
                .addSubcommand(new CacheClearCommand(context));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
