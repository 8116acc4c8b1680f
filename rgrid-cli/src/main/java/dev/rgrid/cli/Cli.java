package dev.rgrid.cli;

import dev.rgrid.cli.command.CacheCommand;
import dev.rgrid.cli.command.CancelCommand;
import dev.rgrid.cli.command.DeleteCommand;
import dev.rgrid.cli.command.DownloadCommand;
import dev.rgrid.cli.command.InfoCommand;
import dev.rgrid.cli.command.InitCommand;
import dev.rgrid.cli.command.ListCommand;
import dev.rgrid.cli.command.LogsCommand;
import dev.rgrid.cli.command.OutputsCommand;
import dev.rgrid.cli.command.RootCommand;
import dev.rgrid.cli.command.RunCommand;
import dev.rgrid.cli.command.RunnerCommand;
import dev.rgrid.cli.command.RuntimesCommand;
import dev.rgrid.cli.command.ShutdownCommand;
import dev.rgrid.cli.command.StatusCommand;
import dev.rgrid.cli.command.WorkersCommand;
import dev.rgrid.cli.output.ErrorHandler;
import dev.rgrid.cli.output.UsageErrorHandler;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Builds the {@code rgrid} command line: every command, the error handlers and the exit codes.
 * The one place a {@link CommandLine} is made, for {@link Main} and for tests alike:
 *
 * <pre>{@code
 * CommandLine cli = Cli.create(new CliContext(RGridProvider.shared(rgrid), env, dir, clock));
 * cli.setOut(out).setErr(err);
 * int exit = cli.execute("run", "hello.py");
 * }</pre>
 */
public final class Cli {
    private Cli() {}

    public static CommandLine create(CliContext context) {
        CommandLine cli = new CommandLine(new RootCommand())
                .addSubcommand(new RunCommand(context))
                .addSubcommand(new StatusCommand(context))
                .addSubcommand(new LogsCommand(context))
                .addSubcommand(new ListCommand(context))
                .addSubcommand(new OutputsCommand(context))
                .addSubcommand(new DownloadCommand(context))
                .addSubcommand(new CancelCommand(context))
                .addSubcommand(new DeleteCommand(context))
                .addSubcommand(new WorkersCommand(context))
                .addSubcommand(new RuntimesCommand(context))
                .addSubcommand(CacheCommand.create(context))
                .addSubcommand(new InfoCommand(context))
                .addSubcommand(new InitCommand(context))
                .addSubcommand(new ShutdownCommand(context))
                .addSubcommand(new RunnerCommand(context))
                .addSubcommand(new CommandLine.HelpCommand())
                .addSubcommand("completion", new AutoComplete.GenerateCompletion());
        CommandLine completion = cli.getSubcommands().get("completion");
        completion.getCommandSpec().name("completion").usageMessage().hidden(false)
                .description("Print a bash/zsh completion script: source <(rgrid completion)");
        cli.setExecutionStrategy(parseResult -> {
            context.notices().bind(parseResult.commandSpec().commandLine().getErr());
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } finally {
                context.release();
            }
        });
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExitCodeExceptionMapper(ExitCodes::forException);
        return cli;
    }
}
