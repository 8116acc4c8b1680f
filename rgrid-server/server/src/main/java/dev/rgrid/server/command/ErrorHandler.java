package dev.rgrid.server.command;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.StoreException;
import dev.rgrid.server.config.SettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints a failed command's error as one line (what, the value, what to do) and picks its exit code; no stack traces. */
final class ErrorHandler implements IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        if (e instanceof RGridException r) {
            cmd.getErr().println("rgrid-server: " + r.getMessage());
            cmd.getErr().flush();
            if (r instanceof SettingException || r.code().startsWith("invalid_database_url")) return ExitCodes.CONFIG;
            if (r instanceof StoreException) return ExitCodes.UNAVAILABLE;
            return ExitCodes.FAILED;
        }
        LOG.debug("command failed", e);
        cmd.getErr().println("rgrid-server: unexpected error: " + e);
        cmd.getErr().flush();
        return ExitCodes.FAILED;
    }
}
