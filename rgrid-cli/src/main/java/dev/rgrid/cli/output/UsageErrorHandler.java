package dev.rgrid.cli.output;

import dev.rgrid.cli.ExitCodes;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** A command line picocli could not read: the structured error, a pointer to --help, exit {@link ExitCodes#USAGE}. */
public final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        List<String> given = List.of(args);
        String hint = "See '" + command.getCommandSpec().qualifiedName() + " --help'";
        String value = null;
        if (e instanceof UnmatchedArgumentException unmatched) {
            value = String.join(" ", unmatched.getUnmatched());
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) hint = "Did you mean " + String.join(" or ", suggestions) + "? " + hint;
            if ("run".equals(command.getCommandName()) && unmatched.isUnknownOption()) {
                hint += "; to pass options to the script, put them after --: rgrid run train.py -- --epochs 3";
            }
        }
        ErrorReport.print(command.getErr(), new Problem("usage", message(e), value, hint), given.contains("--json"));
        if (given.contains("--debug")) e.printStackTrace(command.getErr());
        return ExitCodes.USAGE;
    }

    /** picocli's message, without its own "Error: " (ours is added) and its doubled "option option". */
    private static String message(ParameterException e) {
        String message = e.getMessage() == null ? "The command line cannot be read" : e.getMessage();
        return message.replaceFirst("^Error: ", "").replace("option option", "option");
    }
}
