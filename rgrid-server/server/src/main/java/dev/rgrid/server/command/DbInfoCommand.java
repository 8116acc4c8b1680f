package dev.rgrid.server.command;

import dev.rgrid.core.store.Database;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rgrid-server db info}: every migration with its state, and the current version. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show applied and pending migrations.")
final class DbInfoCommand implements Callable<Integer> {
    @ParentCommand
    DbCommand db;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database database = db.open()) {
            MigrationInfo[] all = database.migrations();
            out.printf("%-8s %-32s %-10s %s%n", "VERSION", "DESCRIPTION", "STATE", "INSTALLED");
            for (MigrationInfo m : all) {
                out.printf("%-8s %-32s %-10s %s%n", m.getVersion(), m.getDescription(),
                        m.getState().getDisplayName().toLowerCase(java.util.Locale.ROOT),
                        m.getInstalledOn() == null ? "-" : m.getInstalledOn().toInstant().toString());
            }
            String current = Arrays.stream(all).filter(m -> m.getState() == MigrationState.SUCCESS)
                    .reduce((a, b) -> b).map(m -> m.getVersion().toString()).orElse("none (empty database)");
            long pending = Arrays.stream(all).filter(m -> m.getState() == MigrationState.PENDING).count();
            out.println("Current version: " + current);
            out.println(pending == 0 ? "Nothing pending." : pending + " pending; apply with: rgrid-server db migrate");
            out.flush();
        }
        return ExitCodes.OK;
    }
}
