package dev.rgrid.cli.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.cli.CliResult;
import dev.rgrid.cli.CliRunner;
import dev.rgrid.cli.ExitCodes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that is misconfigured or not there: one clear error each, nothing saved, no stack trace. */
class ServerSettingsErrorsTest {
    @TempDir Path home;
    @TempDir Path dir;

    private CliRunner cli(Map<String, String> env) {
        return CliRunner.configured(dir, Map.of("RGRID_HOME", home.toString())).withEnv(env);
    }

    private static String closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void a_server_url_without_a_key_says_how_to_give_one() {
        CliResult r = cli(Map.of("RGRID_API_URL", "http://127.0.0.1:9")).run("list");

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertEquals("Error: An RGrid server is configured but no API key for it\n"
                + "  Value: http://127.0.0.1:9 (from RGRID_API_URL in the environment)\n"
                + "  Hint: Set RGRID_API_KEY, or run `rgrid init` to save the server and its key\n", r.err());
    }

    @Test
    void a_malformed_server_url_names_where_it_came_from() {
        CliResult r = cli(Map.of("RGRID_API_URL", "rgrid.example.com", "RGRID_API_KEY", "rgk_x")).run("list");

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Error: The RGrid server URL is not valid (from RGRID_API_URL in the environment)\n"
                + "  Value: rgrid.example.com\n"), r::toString);
    }

    @Test
    void an_unreachable_server_is_retried_aloud_then_reported_in_one_error() throws IOException {
        String url = closedPortUrl();

        CliResult r = cli(Map.of("RGRID_API_URL", url, "RGRID_API_KEY", "rgk_x")).run("status", "exec_1");

        assertEquals(ExitCodes.FAILURE, r.exitCode(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("Connection lost. Retrying... (attempt 1/8)\n"), r::toString);
        assertTrue(r.err().contains("Connection lost. Retrying... (attempt 8/8)\n"
                + "Error: Cannot reach the RGrid server\n  Value: " + url + "\n  Hint: Check the URL"), r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
    }

    @Test
    void init_against_an_unreachable_url_fails_at_once_and_saves_nothing() throws IOException {
        String url = closedPortUrl();

        CliResult r = cli(Map.of()).run("init", "--url", url, "--api-key", "rgk_x");

        assertEquals(ExitCodes.FAILURE, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Error: Cannot reach the RGrid server\n  Value: " + url + "\n"), r::toString);
        assertFalse(Files.exists(home.resolve("config")));
    }

    @Test
    void init_asks_for_what_is_missing_and_stops_when_nothing_is_typed() {
        CliResult r = cli(Map.of()).runWithInput("", "init");

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertEquals("RGrid server URL: Error: No answer to: RGrid server URL\n"
                + "  Hint: Type it when asked, or give it as --url URL\n", r.err());
        assertFalse(Files.exists(home.resolve("config")));
    }
}
