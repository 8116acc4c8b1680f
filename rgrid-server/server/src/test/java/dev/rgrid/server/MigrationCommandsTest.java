package dev.rgrid.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.DatabaseUrl;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.server.testing.CommandResult;
import dev.rgrid.server.testing.ServerProcess;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** {@code rgrid-server db info} and {@code db migrate}, run as the operator runs them: separate processes. */
class MigrationCommandsTest {

    @Test
    void info_shows_pending_migrations_then_migrate_applies_them_and_info_shows_them_applied() {
        DatabaseUrl db = TestPostgres.freshEmbeddedUrl();

        CommandResult before = ServerProcess.run(db, Map.of(), "db", "info");
        assertEquals(0, before.exitCode(), before.toString());
        assertTrue(before.stdout().contains("pending"), before.toString());
        assertTrue(before.stdout().contains("Current version: none"), before.toString());
        assertFalse(before.stdout().contains("success"), before.toString());

        CommandResult migrate = ServerProcess.run(db, Map.of(), "db", "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertTrue(migrate.stdout().contains("Applied migration 1: executions"), migrate.toString());
        assertTrue(migrate.stdout().contains("Applied migration 3: owners and api keys"), migrate.toString());
        // The latest version is whatever the last applied migration is, so a new migration needs no edit here.
        long latest = migrate.stdout().lines().filter(l -> l.startsWith("Applied migration ")).count();

        CommandResult after = ServerProcess.run(db, Map.of(), "db", "info");
        assertEquals(0, after.exitCode(), after.toString());
        assertTrue(after.stdout().contains("success"), after.toString());
        assertFalse(after.stdout().contains(" pending "), after.toString());
        assertTrue(after.stdout().contains("Current version: " + latest), after.toString());
        assertTrue(after.stdout().contains("Nothing pending."), after.toString());

        CommandResult again = ServerProcess.run(db, Map.of(), "db", "migrate");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.stdout().contains("up to date at version " + latest), again.toString());
    }

    @Test
    void a_row_written_before_a_later_migration_survives_it() {
        DatabaseUrl url = TestPostgres.freshEmbeddedUrl();
        try (Database db = Database.external(url)) {
            Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").target("1").load().migrate();
            db.jdbi().useHandle(h -> h.execute("INSERT INTO executions (id, script_name, script, runtime, memory_mb, cpus, "
                    + "timeout_ms, pids_limit, status, created_at, heartbeat_at) VALUES ('exec_before_v3', 'old.py', "
                    + "'\\x00'::bytea, 'python3.11', 512, 1.0, 300000, 256, 'succeeded', now(), now())"));

            CommandResult info = ServerProcess.run(url, Map.of(), "db", "info");
            assertTrue(info.stdout().contains("Current version: 1"), info.toString());
            CommandResult migrate = ServerProcess.run(url, Map.of(), "db", "migrate");
            assertEquals(0, migrate.exitCode(), migrate.toString());
            assertFalse(migrate.stdout().contains("Applied migration 1:"), "V1 was already applied: " + migrate);
            assertTrue(migrate.stdout().contains("Applied migration 2:"), migrate.toString());

            Execution old = db.executions().get("exec_before_v3");
            assertEquals("old.py", old.scriptName());
            assertEquals(Execution.LOCAL_OWNER, old.owner(), "the owner column added by V3 is filled in");
        }
    }

    @Test
    void migration_commands_without_a_database_url_say_which_setting_is_missing() {
        CommandResult r = ServerProcess.run(null, Map.of(), "db", "migrate");
        assertEquals(78, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("RGRID_DATABASE_URL is not set"), r.toString());
    }
}
