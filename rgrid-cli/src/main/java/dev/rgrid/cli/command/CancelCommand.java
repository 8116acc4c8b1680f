package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.output.ExecutionView;
import dev.rgrid.cli.output.Json;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rgrid cancel ID}: stops a queued or running execution; a finished one is left as it is. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancel an execution: a queued one ends at once, a running one is stopped.")
public final class CancelCommand extends BaseCommand {
    @Parameters(paramLabel = "ID", description = "The execution id.")
    String id;

    @Mixin JsonOption json;

    public CancelCommand(CliContext context) { super(context); }

    @Override
    public Integer call() {
        Execution before = context.rgrid().status(id);
        Execution after = context.rgrid().cancel(id);
        if (json.enabled()) {
            out().println(Json.pretty(ExecutionView.of(after, now())));
        } else if (before.isFinal()) {
            out().println("Execution " + id + " had already ended: " + before.status().label() + "; nothing to cancel.");
        } else if (after.status() == ExecutionStatus.CANCELLED) {
            out().println("Cancelled " + id + ".");
        } else {
            out().println("Cancelling " + id + " (now " + after.status().label() + "); `rgrid status " + id + "` shows when it ends.");
        }
        out().flush();
        return ExitCodes.OK;
    }
}
