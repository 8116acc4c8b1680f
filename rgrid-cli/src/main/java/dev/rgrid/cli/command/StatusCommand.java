package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.output.ExecutionView;
import dev.rgrid.cli.output.Format;
import dev.rgrid.cli.output.Json;
import dev.rgrid.cli.output.Table;
import dev.rgrid.core.model.Attempt;
import dev.rgrid.core.model.Execution;
import java.io.PrintWriter;
import java.util.List;
import java.util.TreeSet;
import java.util.TimeZone;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rgrid status ID}: where an execution is, and how it ended. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show an execution: status, reason, exit code, runtime, limits, isolation, times, and its attempts "
                + "when a node died under it.")
public final class StatusCommand extends BaseCommand {
    @Parameters(paramLabel = "ID", description = "The execution id, as `rgrid run` or `rgrid list` show it.")
    String id;

    @Mixin JsonOption json;

    public StatusCommand(CliContext context) { super(context); }

    @Override
    public Integer call() {
        Execution e = context.rgrid().status(id);
        List<Attempt> attempts = e.attempt() > 0 ? context.rgrid().attempts(id) : List.of();
        if (json.enabled()) {
            out().println(Json.pretty(ExecutionView.of(e, attempts, now())));
        } else {
            print(e, out(), context.timeZone());
            if (attempts.size() > 1 || attempts.stream().anyMatch(a -> "worker_lost".equals(a.status()))) {
                printAttempts(attempts, out(), context.timeZone());
            }
        }
        out().flush();
        return ExitCodes.OK;
    }

    private void print(Execution e, PrintWriter out, TimeZone zone) {
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
        line(out, "Attempt", e.attempt() + " of " + e.maxAttempts());
        line(out, "Created", Format.time(e.createdAt(), zone));
        line(out, "Started", Format.time(e.startedAt(), zone));
        line(out, "Finished", Format.time(e.finishedAt(), zone));
        line(out, "Duration", Format.runTime(e, now()));
        line(out, "Logs", logs(e));
        line(out, "Metadata", Format.pairs(e.metadata()));
        line(out, "Env", e.env().isEmpty() ? "-" : String.join(", ", new TreeSet<>(e.env().keySet())));
    }

    /** One line per attempt, when there is more than one story to tell: where each ran and how it ended. */
    private static void printAttempts(List<Attempt> attempts, PrintWriter out, TimeZone zone) {
        out.println("Attempts:");
        Table table = new Table("#", "NODE", "STARTED", "STATUS", "REASON");
        for (Attempt a : attempts) {
            table.row(String.valueOf(a.number()), Format.orDash(a.node()), Format.time(a.startedAt(), zone), a.status(),
                    Format.orDash(a.reason()));
        }
        table.print(out, "  ");
    }

    /** Whether the log limit dropped part of the output, and how much: a user must not take a cut log for the whole. */
    static String logs(Execution e) {
        if (!e.droppedLogs().any()) return "complete";
        return e.droppedLogs().lines() + " lines (" + Format.bytes(e.droppedLogs().bytes()) + ") dropped from the middle "
                + "by the log limit (RGRID_MAX_LOG_BYTES); the first and the last part are kept";
    }

    static String isolation(String isolation) {
        if (isolation == null) return "-";
        return Execution.ISOLATION_NONE.equals(isolation) ? "not isolated (local process)" : isolation;
    }

    private static void line(PrintWriter out, String key, String value) {
        out.printf("%-10s %s%n", key + ":", value);
    }
}
