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
import dev.rgrid.cli.command.RuntimesCommand;
import dev.rgrid.cli.command.ShutdownCommand;
import dev.rgrid.cli.command.StatusCommand;
import dev.rgrid.cli.command.WorkersCommand;
import dev.rgrid.cli.output.ErrorHandler;
import dev.rgrid.cli.output.UsageErrorHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
    /** Every command, in the order {@code rgrid --help} lists them. */
    private static final Map<String, Function<CliContext, Object>> COMMANDS = commands();

    /**
     * The commands that read the engine's own classes (the embedded database's files, the dependency cache), which
     * the launcher leaves off a command's class path: {@link Main} runs them in a class loader that has them.
     * ClientClassPathTest keeps every other command within the client's classes.
     */
    static final Set<String> READ_ENGINE_CLASSES = Set.of("shutdown", "cache");

    private Cli() {}

    /** Whether {@code args} name a command that reads the engine's classes. */
    static boolean readsEngineClasses(String[] args) {
        for (String arg : args) {
            if (arg.equals("--debug")) continue;
            return READ_ENGINE_CLASSES.contains(arg);
        }
        return false;
    }

    private static Map<String, Function<CliContext, Object>> commands() {
        Map<String, Function<CliContext, Object>> all = new LinkedHashMap<>();
        all.put("run", RunCommand::new);
        all.put("status", StatusCommand::new);
        all.put("logs", LogsCommand::new);
        all.put("list", ListCommand::new);
        all.put("outputs", OutputsCommand::new);
        all.put("download", DownloadCommand::new);
        all.put("cancel", CancelCommand::new);
        all.put("delete", DeleteCommand::new);
        all.put("workers", WorkersCommand::new);
        all.put("runtimes", RuntimesCommand::new);
        all.put("cache", CacheCommand::create);
        all.put("info", InfoCommand::new);
        all.put("init", InitCommand::new);
        all.put("shutdown", ShutdownCommand::new);
        return all;
    }

    /** The whole command line, every command in it. */
    public static CommandLine create(CliContext context) {
        return build(context, COMMANDS.keySet());
    }

    /**
     * The command line {@code args} need: when they name a command (after the root's own --debug), that command
     * alone, since picocli reads every command's annotations when it is added (a fifth of a second for all of them
     * on a CLI that should answer at once); else, for help, completion and a mistyped name, all of them.
     */
    public static CommandLine forArguments(CliContext context, String[] args) {
        for (String arg : args) {
            if (arg.equals("--debug")) continue;
            return COMMANDS.containsKey(arg) ? build(context, Set.of(arg)) : create(context);
        }
        return create(context);
    }

    private static CommandLine build(CliContext context, Set<String> names) {
        CommandLine cli = new CommandLine(new RootCommand());
        COMMANDS.forEach((name, command) -> {
            if (names.contains(name)) {
                Object made = command.apply(context);
                if (made instanceof CommandLine line) cli.addSubcommand(name, line);
                else cli.addSubcommand(name, made);
            }
        });
        if (names.size() > 1) {
            cli.addSubcommand(new CommandLine.HelpCommand());
            cli.addSubcommand("completion", new AutoComplete.GenerateCompletion());
            CommandLine completion = cli.getSubcommands().get("completion");
            completion.getCommandSpec().name("completion").usageMessage().hidden(false)
                    .description("Print a bash/zsh completion script: source <(rgrid completion)");
        }
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
