package dev.rgrid.server.command;

import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.DatabaseUrl;
import java.io.PrintWriter;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies pending migrations and says what was applied. */
final class Migrations {
    private Migrations() {}

    static MigrateResult apply(DatabaseUrl url, PrintWriter out) {
        try (Database db = Database.external(url)) {
            MigrateResult result = db.migrate();
            for (MigrateOutput m : result.migrations) {
                out.println("Applied migration " + m.version + ": " + m.description + " (" + m.executionTime + " ms)");
            }
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            out.println(result.migrations.isEmpty()
                    ? "Database schema is up to date at version " + version + "."
                    : "Database schema is now at version " + version + ".");
            out.flush();
            return result;
        }
    }
}
