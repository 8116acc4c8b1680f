package dev.rgrid.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.DroppedLogs;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.testing.TestPostgres;
import java.time.Instant;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;

class MigrationTest {

    @Test
    void a_database_at_an_older_version_migrates_forward_keeping_its_rows() {
        try (Database db = TestPostgres.freshEmbedded()) {
            Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").target("1").load().migrate();
            db.jdbi().useHandle(h -> h.execute("INSERT INTO executions (id, script_name, script, runtime, memory_mb, cpus, "
                    + "timeout_ms, pids_limit, status, created_at, heartbeat_at) VALUES ('exec_old', 'old.py', '\\x00'::bytea, "
                    + "'python3.11', 512, 1.0, 300000, 256, 'succeeded', now(), now())"));

            db.migrate();

            Execution old = db.executions().get("exec_old");
            assertEquals(ExecutionStatus.SUCCEEDED, old.status());
            assertEquals("old.py", old.scriptName());
            assertEquals(Execution.LOCAL_OWNER, old.owner(), "a column added later is filled in for existing rows");
            assertTrue(Arrays.stream(db.migrations()).allMatch(m -> m.getState() == MigrationState.SUCCESS),
                    "every migration applied");
            assertEquals(LogUsage.NONE, db.executions().logUsage("exec_old"), "the logs table came with the later migration");
            assertEquals(DroppedLogs.NONE, old.droppedLogs(), "the dropped-log counts (V8) start at 0 for existing rows");
        }
    }

    @Test
    void migrating_twice_applies_nothing_the_second_time() {
        try (Database db = TestPostgres.freshEmbedded()) {
            int first = db.migrate().migrationsExecuted;
            Execution e = db.executions().create(ExecutionSpec.builder("a.py", new byte[] {1}).build(), Instant.now());
            int second = db.migrate().migrationsExecuted;
            assertEquals(db.migrations().length, first);
            assertEquals(0, second);
            assertEquals(ExecutionStatus.QUEUED, db.executions().get(e.id()).status());
            MigrationInfo latest = db.migrations()[db.migrations().length - 1];
            assertEquals(MigrationState.SUCCESS, latest.getState());
        }
    }
}
