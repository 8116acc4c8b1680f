package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.output.ExecutionView;
import dev.rgrid.cli.output.Format;
import dev.rgrid.cli.output.Json;
import dev.rgrid.cli.output.Table;
import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.core.model.ExecutionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.TimeZone;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rgrid list}: recent executions, newest first, optionally filtered. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List recent executions, newest first.")
public final class ListCommand extends BaseCommand {
    @Option(names = "--status", paramLabel = "STATUS", split = ",",
            description = "Only these statuses (repeatable or comma-separated): queued, running, succeeded, failed, ...")
    List<String> statuses = new ArrayList<>();

    @Option(names = "--metadata", paramLabel = "KEY=VALUE", description = "Only runs tagged with this; repeatable (all must match).")
    Map<String, String> metadata = new LinkedHashMap<>();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + ExecutionQuery.DEFAULT_LIMIT,
            description = "At most N executions (1 to " + ExecutionQuery.MAX_LIMIT + "). Default: ${DEFAULT-VALUE}.")
    int limit;

    @Mixin JsonOption json;

    public ListCommand(CliContext context) { super(context); }

    @Override
    public Integer call() {
        ExecutionQuery query = new ExecutionQuery(parseStatuses(), metadata, checkedLimit(), 0);
        List<Execution> executions = context.rgrid().list(query);
        Instant now = now();
        if (json.enabled()) {
            out().println(Json.pretty(executions.stream().map(e -> ExecutionView.of(e, now)).toList()));
        } else if (executions.isEmpty()) {
            out().println("No executions" + (statuses.isEmpty() && metadata.isEmpty() ? " yet" : " match") + ".");
        } else {
            TimeZone zone = context.timeZone();
            Table table = new Table("ID", "STATUS", "RUNTIME", "CREATED", "DURATION", "EXIT", "SCRIPT");
            for (Execution e : executions) {
                table.row(e.id(), e.status().label(), e.runtime(), Format.time(e.createdAt(), zone),
                        Format.runTime(e, now), Format.orDash(e.exitCode()), e.scriptName());
            }
            table.print(out());
        }
        out().flush();
        return ExitCodes.OK;
    }

    private Set<ExecutionStatus> parseStatuses() {
        Set<ExecutionStatus> parsed = EnumSet.noneOf(ExecutionStatus.class);
        for (String label : statuses) {
            ExecutionStatus status = ExecutionStatus.fromLabel(label);
            if (status == null) {
                String valid = Arrays.stream(ExecutionStatus.values()).map(ExecutionStatus::label).collect(Collectors.joining(", "));
                throw new InvalidInputException("unknown_status", "Unknown status", label, "Use one of: " + valid);
            }
            parsed.add(status);
        }
        return parsed;
    }

    private int checkedLimit() {
        if (limit < 1 || limit > ExecutionQuery.MAX_LIMIT) {
            throw new InvalidInputException("invalid_list_limit", "The --limit is out of range", String.valueOf(limit),
                    "Choose a number between 1 and " + ExecutionQuery.MAX_LIMIT);
        }
        return limit;
    }
}
