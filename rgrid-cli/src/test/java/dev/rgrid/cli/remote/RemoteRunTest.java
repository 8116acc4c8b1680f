package dev.rgrid.cli.remote;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.cli.CliResult;
import dev.rgrid.cli.CliRunner;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.server.remote.SharedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * `rgrid` against a real server, configured through the environment or through the config file: the
 * same output and exit codes as the embedded engine, each owner seeing only its own runs.
 */
class RemoteRunTest {
    @RegisterExtension static final SharedServer server = new SharedServer();

    @TempDir Path dir;
    @TempDir Path home;

    enum Configured { ENVIRONMENT, CONFIG_FILE }

    /** A CLI for a new owner of its own, with the server configured the given way. */
    private CliRunner cli(Configured how) {
        String key = server.newKey("cli" + System.nanoTime()).secret();
        CliRunner cli = CliRunner.configured(dir, Map.of("RGRID_HOME", home.toString()));
        if (how == Configured.ENVIRONMENT) return cli.withEnv(Map.of("RGRID_API_URL", server.url(), "RGRID_API_KEY", key));
        try {
            Files.writeString(home.resolve("config"), "api_url = " + server.url() + "\napi_key = " + key + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cli;
    }

    @ParameterizedTest
    @EnumSource(Configured.class)
    void hello_prints_its_output_and_exits_0(Configured how) {
        CliRunner cli = cli(how);
        cli.script("hello.py", "print('Hello from RGrid')\n");

        CliResult r = cli.run("run", "hello.py");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("Hello from RGrid\n", r.out());
        assertTrue(r.err().matches("(?s)Execution exec_\\S+ \\w+ \\(python3\\.11, 512 MB, 1\\.0 CPU, timeout 300 s\\)\n.*"), r::toString);
        assertTrue(r.err().contains(" succeeded"), r::toString);
    }

    @ParameterizedTest
    @EnumSource(Configured.class)
    void a_script_exiting_3_makes_the_cli_exit_3_and_stderr_alone_can_be_read_back(Configured how) {
        CliRunner cli = cli(how);
        cli.script("fail.py", "import sys\nprint('giving up')\nprint('the reason', file=sys.stderr)\nsys.exit(3)\n");

        CliResult r = cli.run("run", "fail.py");

        assertEquals(3, r.exitCode(), r::toString);
        assertEquals("giving up\n", r.out());
        assertTrue(r.err().contains("the reason\n") && r.err().contains(" failed: Exited with code 3"), r::toString);
        String id = r.err().substring("Execution ".length(), r.err().indexOf(' ', "Execution ".length()));
        CliResult stderr = cli.run("logs", id, "--stderr-only");
        assertEquals(0, stderr.exitCode(), stderr::toString);
        assertEquals("the reason\n", stderr.out());
        CliResult all = cli.run("logs", id);
        assertEquals("giving up\n", all.out());
    }

    @ParameterizedTest
    @EnumSource(Configured.class)
    void list_shows_this_owners_runs_only(Configured how) {
        CliRunner cli = cli(how);
        cli.script("hello.py", "print('hi')\n");
        assertEquals("No executions yet.\n", cli.run("list").out());

        assertEquals(0, cli.run("run", "hello.py").exitCode());

        CliResult list = cli.run("list");
        assertEquals(2, list.outLines().size(), list::toString);
        assertTrue(list.outLines().get(1).matches("exec_\\S+\\s+succeeded\\s+python3\\.11\\s+.*\\s0\\s+hello\\.py"), list::toString);
    }

    @ParameterizedTest
    @EnumSource(Configured.class)
    void a_detached_run_is_left_to_the_server_and_ends_there(Configured how) {
        CliRunner cli = cli(how);
        cli.script("hello.py", "print('detached')\n");

        CliResult r = cli.run("run", "--detach", "hello.py");

        assertEquals(0, r.exitCode(), r::toString);
        String id = r.out().trim();
        await().atMost(Duration.ofSeconds(60)).until(() -> cli.run("status", id).out().contains("succeeded"));
        assertEquals("detached\n", cli.run("logs", id).out());
    }

    @ParameterizedTest
    @EnumSource(Configured.class)
    void info_names_the_server_and_the_owner(Configured how) {
        CliResult r = cli(how).run("info");

        assertEquals(0, r.exitCode(), r::toString);
        String source = how == Configured.ENVIRONMENT ? "RGRID_API_URL in the environment" : "api_url in " + home.resolve("config");
        assertTrue(r.out().startsWith("Server:    " + server.url() + " (from " + source + ")\nOwner:     cli"), r::toString);
    }

    @ParameterizedTest
    @EnumSource(Configured.class)
    void another_owners_id_is_not_found(Configured how) {
        CliRunner alice = cli(how);
        alice.script("hello.py", "print('mine')\n");
        String id = alice.run("run", "--detach", "hello.py").out().trim();

        CliResult r = cli(how).run("status", id);

        assertEquals(ExitCodes.NOT_FOUND, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Error: No execution with this id\n  Value: " + id + "\n"), r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
    }
}
