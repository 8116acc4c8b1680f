package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.ServerSettings;
import dev.rgrid.cli.output.Json;
import dev.rgrid.cli.resident.ResidentEngines;
import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.Setting;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.DatabaseUrl;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.store.EmbeddedStop;
import dev.rgrid.engine.LocalOptions;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.server.resident.EngineRecord;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code rgrid shutdown}: stops this RGRID_HOME's local engine and its embedded PostgreSQL, as {@code ray stop} does;
 * the next command starts them again. Never opens the engine, so it never starts the database it is asked to stop.
 */
@Command(name = "shutdown", mixinStandardHelpOptions = true,
        description = {"Stop the local engine and the embedded PostgreSQL of this RGRID_HOME; the next rgrid command starts "
                + "them again.",
                "",
                "Refused while executions are queued or running, and when the database is external (RGRID_DATABASE_URL) "
                        + "or a server is configured."},
        footer = {"", "Exits 0 when it stopped or was not running, 1 while executions are active, 2 when there is no "
                + "embedded PostgreSQL to stop."})
public final class ShutdownCommand extends BaseCommand {
    @Mixin JsonOption json;

    public ShutdownCommand(CliContext context) { super(context); }

    @Override
    public Integer call() {
        ConfigSources config = context.config();
        refuseUnlessEmbedded(config);
        LocalOptions options = LocalOptions.builder(config).build();
        Optional<EngineRecord> engine = ResidentEngines.running(config.home());
        engine.ifPresent(ShutdownCommand::stopUnlessBusy);
        EmbeddedStop stop = Database.stopEmbedded(Database.embeddedDir(config), now().minus(options.staleAfter()),
                Database.DEFAULT_STOP_TIMEOUT);
        if (json.enabled()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("engineStopped", engine.isPresent());
            body.put("stopped", stop.stopped());
            body.put("port", stop.port());
            body.put("dataDir", stop.dataDir().toString());
            out().println(Json.pretty(body));
            out().flush();
            return ExitCodes.OK;
        }
        engine.ifPresent(e -> out().println("Stopped the local engine (pid " + e.pid() + ")."));
        if (stop.stopped()) {
            out().println("Stopped the embedded PostgreSQL (port " + stop.port() + ", data in " + stop.dataDir()
                    + "); the next rgrid command starts it again.");
        } else {
            out().println("The embedded PostgreSQL is not running (data in " + stop.dataDir() + "); nothing to stop.");
        }
        out().flush();
        return ExitCodes.OK;
    }

    /** Asks the engine itself what is live (its heartbeats are fresh), and stops it only when nothing is. */
    private static void stopUnlessBusy(EngineRecord engine) {
        try (RGrid running = RGrid.connect(engine.url(), engine.secret())) {
            List<Execution> live = running.list(new ExecutionQuery(
                    EnumSet.of(ExecutionStatus.QUEUED, ExecutionStatus.DISPATCHED, ExecutionStatus.RUNNING), Map.of(), 6, 0));
            if (!live.isEmpty()) throw Database.executionsActive(live);
        }
        ResidentEngines.stop(engine);
    }

    private static void refuseUnlessEmbedded(ConfigSources config) {
        ServerSettings.from(config).ifPresent(server -> {
            throw new InvalidInputException("no_embedded_database",
                    "There is no embedded PostgreSQL to stop: commands go to an RGrid server",
                    server.url().value() + " (from " + server.url().source() + ")",
                    "The server keeps its own database; stop the server where it runs");
        });
        config.lookup(Setting.DATABASE_URL).ifPresent(url -> {
            throw new InvalidInputException("no_embedded_database",
                    "There is no embedded PostgreSQL to stop: the database is external",
                    DatabaseUrl.parse(url).redacted() + " (from " + url.source() + ")",
                    "rgrid shutdown leaves an external database alone; stop that PostgreSQL server where it runs");
        });
    }
}
