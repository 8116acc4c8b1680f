package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.ServerSettings;
import dev.rgrid.cli.output.Format;
import dev.rgrid.cli.output.Json;
import dev.rgrid.cli.resident.ResidentEngines;
import dev.rgrid.sdk.EngineInfo;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteRGrid;
import dev.rgrid.sdk.remote.WhoAmI;
import dev.rgrid.server.resident.EngineRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code rgrid info}: which engine answers (a server and the key's owner, or this home's local engine: its process,
 * version and start) and how it isolates runs.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show where runs go: the RGrid server and who you are on it, or the embedded engine; and how runs are isolated.")
public final class InfoCommand extends BaseCommand {
    @Mixin JsonOption json;

    public InfoCommand(CliContext context) { super(context); }

    @Override
    public Integer call() {
        RGrid rgrid = context.rgrid();
        Map<String, Object> info = new LinkedHashMap<>();
        boolean serverConfigured = ServerSettings.from(context.config()).isPresent();
        Optional<EngineRecord> resident = serverConfigured ? Optional.empty() : ResidentEngines.running(context.config().home());
        if (resident.isPresent()) {
            EngineRecord engine = resident.get();
            info.put("server", null);
            info.put("home", context.config().home().toString());
            info.put("engine", Map.of("pid", engine.pid(), "url", engine.url(), "version", engine.version(),
                    "startedAt", engine.startedAt().toString()));
        } else if (rgrid instanceof RemoteRGrid server) {
            WhoAmI who = server.whoami();
            info.put("server", server.url());
            info.put("source", ServerSettings.from(context.config()).map(s -> s.url().source()).orElse(null));
            info.put("owner", who.owner());
            info.put("key", who.keyName());
        } else {
            info.put("server", null);
            info.put("home", context.config().home().toString());
        }
        EngineInfo engine = rgrid.info();
        info.put("isolation", engine.isolation());
        info.put("detail", engine.detail());
        info.put("database", engine.database());
        if (json.enabled()) {
            out().println(Json.pretty(info));
        } else if (info.get("server") != null) {
            line("Server", info.get("server") + (info.get("source") != null ? " (from " + info.get("source") + ")" : ""));
            line("Owner", info.get("owner") + " (key " + info.get("key") + ")");
        } else if (resident.isPresent()) {
            EngineRecord local = resident.get();
            line("Engine", "local, for " + info.get("home") + " (`rgrid init` to use a server)");
            line("Process", "pid " + local.pid() + ", RGrid " + local.version() + ", up since "
                    + Format.time(local.startedAt(), context.timeZone()) + ", on " + local.url()
                    + " (stops when idle; `rgrid shutdown` stops it now)");
        } else {
            line("Engine", "embedded, in " + info.get("home") + " (`rgrid init` to use a server)");
        }
        if (!json.enabled()) {
            line("Isolation", StatusCommand.isolation(engine.isolation()) + " (" + engine.detail() + ")");
            line("Database", engine.database());
        }
        out().flush();
        return ExitCodes.OK;
    }

    private void line(String key, String value) {
        out().printf("%-10s %s%n", key + ":", value);
    }
}
