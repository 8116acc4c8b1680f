package dev.rgrid.server.command;

import dev.rgrid.core.config.ConfigSources;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Builds the {@code rgrid-server} command line with its error handler and exit codes. */
public final class Commands {
    private Commands() {}

    public static CommandLine create(ConfigSources sources) {
        CommandLine cmd = new CommandLine(new RootCommand(sources));
        cmd.setExecutionExceptionHandler(new ErrorHandler());
        cmd.setExitCodeExceptionMapper(e -> ExitCodes.FAILED);
        cmd.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        return cmd;
    }

    public static CommandLine create(ConfigSources sources, PrintWriter out, PrintWriter err) {
        return create(sources).setOut(out).setErr(err);
    }
}
