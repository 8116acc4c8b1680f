package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.output.Format;
import dev.rgrid.cli.output.Json;
import dev.rgrid.cli.output.Table;
import dev.rgrid.core.config.Setting;
import dev.rgrid.core.model.WorkerNode;
import dev.rgrid.core.wire.WorkerNodeJson;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rgrid workers}: the cluster's nodes, their state, capacity, load and last heartbeat. */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = {"List the cluster's worker nodes: state, capacity (CPUs, memory, container slots), load and last "
                + "heartbeat. A node that dies is listed dead with the reason; its runs go on elsewhere while they have "
                + "attempts left.",
                "",
                "The embedded default has no cluster: Ray runs in local mode in the rgrid process itself."})
public final class WorkersCommand extends BaseCommand {
    @Mixin JsonOption json;

    public WorkersCommand(CliContext context) { super(context); }

    @Override
    public Integer call() {
        List<WorkerNode> nodes = context.rgrid().workers();
        if (json.enabled()) {
            out().println(Json.pretty(nodes.stream().map(WorkerNodeJson::of).toList()));
        } else if (nodes.isEmpty()) {
            boolean remote = context.config().lookup(Setting.API_URL).isPresent();
            out().println("No worker nodes: " + (remote
                    ? "the server runs Ray in local mode (set RGRID_RAY_ADDRESS on the server to use a cluster), or no node has joined yet."
                    : "the embedded default runs everything on this machine (Ray in local mode)."));
        } else {
            Table table = new Table("NODE", "STATE", "CPU", "MEMORY", "SLOTS", "RUNNING", "LAST HEARTBEAT", "VERSION", "REASON");
            for (WorkerNode n : nodes) {
                table.row(n.name(), n.state(), Format.cpus(n.cpus()), Format.memory(n.memoryMb()), String.valueOf(n.slots()),
                        String.valueOf(n.running()), ago(n), n.version(), Format.orDash(n.reason()));
            }
            table.print(out());
        }
        out().flush();
        return ExitCodes.OK;
    }

    private String ago(WorkerNode n) {
        Duration since = Duration.between(n.heartbeatAt(), now());
        return (since.isNegative() ? 0 : since.toSeconds()) + " s ago";
    }
}
