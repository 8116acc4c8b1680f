package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.output.ExecutionView;
import dev.rgrid.cli.output.Format;
import dev.rgrid.cli.output.Json;
import dev.rgrid.core.model.Execution;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rgrid status ID}: where an execution is, and how it ended. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show an execution: status, reason, exit code, runtime, limits, isolation, times.")
public final class StatusCommand extends BaseCommand {
    @Parameters(paramLabel = "ID", description = "The execution id, as `rgrid run` or `rgrid list` show it.")
    String id;

    @Mixin JsonOption json;

    public StatusCommand(CliContext context) { super(context); }

    @Override
    public Integer call() {
        Execution e = context.rgrid().status(id);
        if (json.enabled()) {
            out().println(Json.pretty(ExecutionView.of(e, now())));
        } else {
            print(e, out(), context.clock().getZone());
        }
        out().flush();
        return ExitCodes.OK;
    }

    private void print(Execution e, PrintWriter out, ZoneId zone) {
        line(out, "ID", e.id());
        line(out, "Status", e.status().label());
        line(out, "Reason", Format.orDash(e.reason()));
        line(out, "Exit code", Format.orDash(e.exitCode()));
        line(out, "Script", String.join(" ", e.scriptName(), String.join(" ", e.args())).trim());
        line(out, "Runtime", e.runtime() + (e.image() != null ? " (image " + e.image() + ")" : ""));
        line(out, "Limits", Format.limits(e.limits()) + ", " + e.limits().pidsLimit() + " processes");
        line(out, "Network", e.network() ? "on" : "off");
        line(out, "Isolation", isolation(e.isolation()));
        line(out, "Node", Format.orDash(e.node()));
        line(out, "Attempt", String.valueOf(e.attempt()));
        line(out, "Created", Format.time(e.createdAt(), zone));
        line(out, "Started", Format.time(e.startedAt(), zone));
        line(out, "Finished", Format.time(e.finishedAt(), zone));
        line(out, "Duration", Format.runTime(e, now()));
        line(out, "Metadata", Format.pairs(e.metadata()));
        line(out, "Env", e.env().isEmpty() ? "-" : String.join(", ", new TreeSet<>(e.env().keySet())));
    }

    static String isolation(String isolation) {
        if (isolation == null) return "-";
        return Execution.ISOLATION_NONE.equals(isolation) ? "not isolated (local process)" : isolation;
    }

    private static void line(PrintWriter out, String key, String value) {
        out.printf("%-10s %s%n", key + ":", value);
    }
}
