package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.output.ErrorReport;
import dev.rgrid.cli.output.Json;
import dev.rgrid.core.RGridException;
import dev.rgrid.sdk.Deletion;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code rgrid delete ID...}: forgets ended executions with their logs and files. Each id is tried: one
 * that cannot be deleted (unknown, still running) is reported and the others still go.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete ended executions: their records, logs and output files, and the input files no other "
                + "execution uses. A queued or running execution is refused: cancel it first."},
        footer = {"", "Exits 0 when every execution was deleted, else with the code of the last refusal "
                + "(3 not found, 1 still running)."})
public final class DeleteCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "ID", description = "The execution ids.")
    List<String> ids = new ArrayList<>();

    @Mixin JsonOption json;

    public DeleteCommand(CliContext context) { super(context); }

    @Override
    public Integer call() {
        int exit = ExitCodes.OK;
        List<Deletion> deleted = new ArrayList<>();
        for (String id : ids) {
            try {
                Deletion deletion = context.rgrid().delete(id);
                deleted.add(deletion);
                if (!json.enabled()) out().println(describe(deletion));
            } catch (RGridException e) {
                out().flush();
                ErrorReport.print(err(), e, json.enabled(), false);
                exit = ExitCodes.forException(e);
            }
        }
        if (json.enabled()) out().println(Json.pretty(deleted));
        out().flush();
        return exit;
    }

    private static String describe(Deletion d) {
        return "Deleted " + d.id() + " with its logs, " + count(d.outputs(), "output file") + " and "
                + count(d.inputs(), "input file") + (d.inputs() == 0 ? "" : " no other execution used") + ".";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
