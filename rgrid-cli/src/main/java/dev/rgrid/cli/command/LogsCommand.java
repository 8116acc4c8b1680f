package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.output.LogPrinter;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rgrid logs ID}: what the script wrote, stdout and stderr apart. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Show an execution's output, stdout and stderr apart.",
                "",
                "The script's stdout goes to stdout, its stderr to stderr, RGrid's own lines to stderr as "
                        + "[rgrid] ... With --stdout-only or --stderr-only, that stream alone, on stdout."})
public final class LogsCommand extends BaseCommand {
    @Parameters(paramLabel = "ID", description = "The execution id.")
    String id;

    @ArgGroup(exclusive = true)
    OneStream oneStream;

    static final class OneStream {
        @Option(names = "--stdout-only", required = true, description = "Only what the script wrote to stdout.")
        boolean stdout;

        @Option(names = "--stderr-only", required = true, description = "Only what the script wrote to stderr.")
        boolean stderr;
    }

    @Option(names = {"-f", "--follow"}, description = "Keep printing lines as they come until the execution ends.")
    boolean follow;

    @Option(names = {"-t", "--timestamps"}, description = "Prefix each line with the time it was written (UTC).")
    boolean timestamps;

    @Mixin JsonOption json;

    public LogsCommand(CliContext context) { super(context); }

    @Override
    public Integer call() {
        RGrid rgrid = context.rgrid();
        rgrid.status(id); // an unknown id is an error, not an empty log
        LogQuery query = new LogQuery(0, streams(), LogQuery.DEFAULT_LIMIT);
        LogPrinter plain = oneStream != null ? LogPrinter.merged(out()) : LogPrinter.split(out(), err());
        Consumer<LogLine> printer = json.enabled() ? LogPrinter.jsonLines(out())
                : timestamps ? plain.withTimestamps() : plain;
        if (follow) {
            rgrid.followLogs(id, query, printer);
        } else {
            List<LogLine> page;
            do {
                page = rgrid.logs(id, query);
                page.forEach(printer);
                if (!page.isEmpty()) query = query.after(page.get(page.size() - 1).seq());
            } while (page.size() >= query.limit());
        }
        out().flush();
        err().flush();
        return ExitCodes.OK;
    }

    private Set<LogStream> streams() {
        if (oneStream == null) return EnumSet.allOf(LogStream.class);
        return EnumSet.of(oneStream.stderr ? LogStream.STDERR : LogStream.STDOUT);
    }
}
