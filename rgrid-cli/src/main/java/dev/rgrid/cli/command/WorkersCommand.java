package dev.rgrid.cli.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.output.Format;
import dev.rgrid.cli.output.Json;
import dev.rgrid.cli.output.Table;
import dev.rgrid.core.config.Setting;
import dev.rgrid.core.model.ProvisionedServer;
import dev.rgrid.core.model.ScaleEvent;
import dev.rgrid.core.model.WorkerNode;
import dev.rgrid.core.wire.ProvisionedServerJson;
import dev.rgrid.core.wire.ScaleEventJson;
import dev.rgrid.core.wire.WorkerNodeJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rgrid workers}: the cluster's nodes, the servers provisioned for them, and the autoscaler's decisions. */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = {"List the cluster's worker nodes: state, capacity (CPUs, memory, container slots), load and last "
                + "heartbeat. A node that dies is listed dead with the reason; its runs go on elsewhere while they have "
                + "attempts left.",
                "",
                "Where the server provisions nodes (Hetzner Cloud, or local Ray nodes), the servers follow: provider, type, "
                + "id, state (requested, booting, ready, draining, retired, failed, dead), age, billed hours, hourly price "
                + "and runs. --events shows the autoscaler's recent decisions with their reasons.",
                "",
                "The embedded default has no cluster: Ray runs in local mode in the rgrid process itself."})
public final class WorkersCommand extends BaseCommand {
    static final int EVENTS_SHOWN = 50;

    @Mixin JsonOption json;

    @Option(names = "--events", description = "Show the autoscaler's recent decisions (launches, retirements, failures, "
            + "hold-backs) with their reasons, newest first.")
    boolean events;

    public WorkersCommand(CliContext context) { super(context); }

    /** What --json prints: nodes, servers and (with --events) the events. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Listing(List<WorkerNodeJson> workers, List<ProvisionedServerJson> servers, List<ScaleEventJson> events) {}

    @Override
    public Integer call() {
        if (events) return printEvents();
        List<WorkerNode> nodes = context.rgrid().workers();
        List<ProvisionedServer> servers = context.rgrid().servers();
        Instant now = now();
        if (json.enabled()) {
            out().println(Json.pretty(new Listing(nodes.stream().map(WorkerNodeJson::of).toList(),
                    servers.stream().map(s -> ProvisionedServerJson.of(s, now)).toList(), null)));
        } else if (nodes.isEmpty() && servers.isEmpty()) {
            boolean remote = context.config().lookup(Setting.API_URL).isPresent();
            out().println("No worker nodes: " + (remote
                    ? "the server runs Ray in local mode (set RGRID_RAY_ADDRESS on the server to use a cluster), or no node has joined yet."
                    : "the embedded default runs everything on this machine (Ray in local mode)."));
        } else {
            if (!nodes.isEmpty()) printNodes(nodes);
            if (!servers.isEmpty()) {
                if (!nodes.isEmpty()) out().println();
                printServers(servers, nodes, now);
            }
        }
        out().flush();
        return ExitCodes.OK;
    }

    private void printNodes(List<WorkerNode> nodes) {
        Table table = new Table("NODE", "STATE", "CPU", "MEMORY", "SLOTS", "RUNNING", "LAST HEARTBEAT", "VERSION", "REASON");
        for (WorkerNode n : nodes) {
            table.row(n.name(), n.state(), Format.cpus(n.cpus()), Format.memory(n.memoryMb()), String.valueOf(n.slots()),
                    String.valueOf(n.running()), ago(n.heartbeatAt()), n.version(), Format.orDash(n.reason()));
        }
        table.print(out());
    }

    private void printServers(List<ProvisionedServer> servers, List<WorkerNode> nodes, Instant now) {
        Map<String, WorkerNode> byRayId = nodes.stream().collect(Collectors.toMap(WorkerNode::id, Function.identity(), (a, b) -> a));
        Table table = new Table("SERVER", "PROVIDER", "TYPE", "ID", "STATE", "AGE", "BILLED", "PRICE/H", "NODE", "RUNS", "REASON");
        for (ProvisionedServer s : servers) {
            WorkerNode node = s.rayNodeId() == null ? null : byRayId.get(s.rayNodeId());
            table.row(s.name(), s.provider(), s.serverType(), Format.orDash(s.serverId()), s.state(),
                    Format.duration(Duration.between(s.requestedAt(), s.endedAt() != null ? s.endedAt() : now)),
                    s.billedHours(now) + " h", price(s), node == null ? "-" : node.name(),
                    node == null || s.ended() ? "-" : String.valueOf(node.running()), Format.orDash(s.reason()));
        }
        table.print(out());
    }

    private Integer printEvents() {
        List<ScaleEvent> list = context.rgrid().scaleEvents(EVENTS_SHOWN);
        if (json.enabled()) {
            out().println(Json.pretty(new Listing(null, null, list.stream().map(ScaleEventJson::of).toList())));
        } else if (list.isEmpty()) {
            out().println("No autoscaler decisions: nodes are not provisioned here (set RGRID_HETZNER_TOKEN, or "
                    + "RGRID_NODE_PROVIDER=local, on the server), or nothing has needed one yet.");
        } else {
            TimeZone zone = context.timeZone();
            Table table = new Table("TIME", "SERVER", "WHAT", "WHY");
            for (ScaleEvent e : list) table.row(Format.time(e.at(), zone), Format.orDash(e.server()), e.kind(), e.reason());
            table.print(out());
        }
        out().flush();
        return ExitCodes.OK;
    }

    /** {@code EUR 0.008} for a priced server; {@code local} for one that costs nothing (a local node). */
    private static String price(ProvisionedServer s) {
        if (s.priceMicros() == 0) return "local";
        return s.currency() + " " + BigDecimal.valueOf(s.priceMicros(), 6).stripTrailingZeros().toPlainString();
    }

    private String ago(Instant at) {
        Duration since = Duration.between(at, now());
        return (since.isNegative() ? 0 : since.toSeconds()) + " s ago";
    }
}
