package dev.rgrid.cli.output;

import dev.rgrid.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns an exception from a command into the structured error and its exit code. */
public final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        ErrorReport.print(command.getErr(), e, matched(parseResult, "--json"), matched(parseResult, "--debug"));
        return ExitCodes.forException(e);
    }

    /** Whether the option was given on the command that ran or on any command above it. */
    static boolean matched(ParseResult parseResult, String option) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(option)) return true;
        }
        return false;
    }
}
