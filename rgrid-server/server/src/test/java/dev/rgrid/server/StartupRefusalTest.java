package dev.rgrid.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.server.testing.CommandResult;
import dev.rgrid.server.testing.ServerProcess;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server refuses to start on a missing or malformed setting with one line: which, the value, a good example. */
class StartupRefusalTest {

    private static void assertOneClearLine(CommandResult r, String... expected) {
        assertEquals(78, r.exitCode(), r.toString());
        assertEquals(1, r.stderr().lines().filter(l -> !l.isBlank()).count(), "one line: " + r);
        for (String s : expected) assertTrue(r.stderr().contains(s), "mentions " + s + ": " + r);
        assertFalse(r.stderr().contains("Exception") || r.stderr().contains("\tat "), "no stack trace: " + r);
        assertFalse(r.stdout().contains("listening"), r.toString());
    }

    @Test
    void without_a_database_url_it_names_the_setting_and_shows_an_example() {
        assertOneClearLine(ServerProcess.run(null, Map.of(), "serve"),
                "RGRID_DATABASE_URL is not set", "RGRID_DATABASE_URL=jdbc:postgresql://");
    }

    @Test
    void the_default_command_is_serve() {
        assertOneClearLine(ServerProcess.run(null, Map.of()), "RGRID_DATABASE_URL is not set");
    }

    @Test
    void a_malformed_database_url_is_named_with_its_value() {
        assertOneClearLine(ServerProcess.run(null, Map.of("RGRID_DATABASE_URL", "mysql://db/rgrid"), "serve"),
                "RGRID_DATABASE_URL", "mysql://db/rgrid", "jdbc:postgresql://host:5432/rgrid");
    }

    @Test
    void a_malformed_port_is_named_with_its_value_and_an_example() {
        assertOneClearLine(ServerProcess.run(TestPostgres.freshEmbeddedUrl(), Map.of("RGRID_SERVER_PORT", "eighty"), "serve"),
                "RGRID_SERVER_PORT", "eighty", "RGRID_SERVER_PORT=8080");
    }

    @Test
    void malformed_size_and_dispatch_settings_are_refused() {
        assertOneClearLine(ServerProcess.run(TestPostgres.freshEmbeddedUrl(), Map.of("RGRID_MAX_REQUEST_BYTES", "huge"), "serve"),
                "RGRID_MAX_REQUEST_BYTES", "huge", "RGRID_MAX_REQUEST_BYTES=16m");
        assertOneClearLine(ServerProcess.run(TestPostgres.freshEmbeddedUrl(), Map.of("RGRID_DISPATCH", "maybe"), "serve"),
                "RGRID_DISPATCH", "maybe", "RGRID_DISPATCH=on");
    }
}
