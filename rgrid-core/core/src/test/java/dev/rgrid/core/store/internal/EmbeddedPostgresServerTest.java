package dev.rgrid.core.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.store.EmbeddedStop;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL outlives the process that started it; stopped, it starts again from any process. */
class EmbeddedPostgresServerTest {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    @TempDir Path dir;
    private EmbeddedPostgresServer first;

    @AfterEach
    void stopAll() {
        if (first != null) first.close();
        EmbeddedPostgresServer.stop(dir, STOP_TIMEOUT, port -> { });
    }

    @Test
    void a_stopped_server_starts_again_while_the_process_that_started_it_still_lives_and_keeps_its_data() throws SQLException {
        // Kept open, as a long-lived SDK application or background runner that started the server would keep it.
        first = EmbeddedPostgresServer.ensureRunning(dir, true);
        sql(first.port(), "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('before the stop')");

        EmbeddedStop stop = EmbeddedPostgresServer.stop(dir, STOP_TIMEOUT, port -> { });
        assertTrue(stop.stopped());

        EmbeddedPostgresServer again = EmbeddedPostgresServer.ensureRunning(dir, false);
        assertNotEquals(0, again.port());
        try (Connection c = DriverManager.getConnection(again.jdbcUrl(), "postgres", "");
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT v FROM kept")) {
            assertTrue(rows.next());
            assertEquals("before the stop", rows.getString(1));
        }
    }

    private static void sql(int port, String statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(EmbeddedPostgresServer.jdbcUrl(port), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(statements);
        }
    }
}
