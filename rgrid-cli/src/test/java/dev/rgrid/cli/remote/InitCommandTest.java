package dev.rgrid.cli.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.cli.CliResult;
import dev.rgrid.cli.CliRunner;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.server.remote.SharedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `rgrid init` against a real server: the key is checked before anything is saved, and saved for the owner alone. */
class InitCommandTest {
    @RegisterExtension static final SharedServer server = new SharedServer();

    @TempDir Path dir;
    @TempDir Path parent;

    private Path home() { return parent.resolve("rgrid-home"); }

    private CliRunner cli() {
        return CliRunner.configured(dir, Map.of("RGRID_HOME", home().toString()));
    }

    private String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void init_with_flags_checks_the_key_and_saves_it_readable_by_the_owner_alone() throws IOException {
        String key = server.newKey("dana").secret();

        CliResult r = cli().run("init", "--url", server.url() + "/", "--api-key", key);

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("Connected to " + server.url() + " as dana (key dana-key-"), r::toString);
        Path config = home().resolve("config");
        assertEquals("rw-------", permissions(config));
        assertEquals("rwx------", permissions(home()));
        assertEquals("api_url = " + server.url() + "\napi_key = " + key + "\n", Files.readString(config));
        CliResult list = cli().run("list");
        assertEquals("No executions yet.\n", list.out(), list::toString);
    }

    @Test
    void init_keeps_the_other_settings_and_replaces_an_old_server() throws IOException {
        Files.createDirectories(home());
        Files.writeString(home().resolve("config"), "# mine\nmemory = 1g\napi_url = http://old.example.com\napi_key=rgk_old\n");
        String key = server.newKey("erin").secret();

        CliResult r = cli().run("init", "--url", server.url(), "--api-key", key);

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("# mine\nmemory = 1g\napi_url = " + server.url() + "\napi_key = " + key + "\n",
                Files.readString(home().resolve("config")));
        assertEquals("rw-------", permissions(home().resolve("config")));
    }

    @Test
    void init_asks_for_the_url_and_the_key_when_they_are_not_given() throws IOException {
        String key = server.newKey("fay").secret();

        CliResult r = cli().runWithInput(server.url() + "\n" + key + "\n", "init");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("RGrid server URL: API key: ", r.err());
        assertTrue(Files.readString(home().resolve("config")).contains("api_key = " + key));
    }

    @Test
    void a_bad_key_is_refused_with_what_to_check_and_nothing_is_saved() {
        CliResult r = cli().run("init", "--url", server.url(), "--api-key", "rgk_not_a_real_key_at_all");

        assertEquals(ExitCodes.FAILURE, r.exitCode(), r::toString);
        assertEquals("Error: The API key is not valid (unknown or revoked)\n  Value: rgk_not_... (25 characters)\n"
                + "  Hint: Check the API key (RGRID_API_KEY, or api_key set by `rgrid init`); run `rgrid init` to set a valid "
                + "one, or ask for a new key (rgrid-server keys create)\n", r.err());
        assertFalse(Files.exists(home().resolve("config")));
    }

    @Test
    void an_environment_url_is_said_to_override_the_saved_one() {
        String key = server.newKey("gil").secret();

        CliResult r = cli().withEnv(Map.of("RGRID_API_URL", server.url())).run("init", "--api-key", key);

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("Note: RGRID_API_URL is set in the environment and overrides the saved api_url."), r::toString);
    }
}
