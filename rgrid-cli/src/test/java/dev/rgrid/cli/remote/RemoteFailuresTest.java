package dev.rgrid.cli.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.cli.CliResult;
import dev.rgrid.cli.CliRunner;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.sdk.remote.FlakyProxy;
import dev.rgrid.sdk.remote.FlakyProxy.Fault;
import dev.rgrid.server.remote.SharedServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A flaky network and a key that stops working, as the CLI reports them: a notice per retry, one clear error. */
class RemoteFailuresTest {
    @RegisterExtension static final SharedServer server = new SharedServer();

    @TempDir Path dir;
    @TempDir Path home;

    private CliRunner cli(String url, String key) {
        return CliRunner.configured(dir, Map.of("RGRID_HOME", home.toString(), "RGRID_API_URL", url, "RGRID_API_KEY", key));
    }

    @Test
    void a_transient_failure_is_announced_on_stderr_and_the_command_still_succeeds() throws IOException {
        try (FlakyProxy proxy = FlakyProxy.to(server.url())) {
            CliRunner cli = cli(proxy.url(), server.newKey("flaky" + System.nanoTime()).secret());
            cli.script("hello.py", "print('through a flaky network')\n");
            proxy.fail(Fault.UNAVAILABLE, 1);

            CliResult r = cli.run("run", "hello.py");

            assertEquals(0, r.exitCode(), r::toString);
            assertEquals("through a flaky network\n", r.out());
            assertTrue(r.err().startsWith("Connection lost. Retrying... (attempt 1/8)\nExecution exec_"), r::toString);
            assertEquals(2, cli.run("list").outLines().size(), "one run, not two");
        }
    }

    @Test
    void a_revoked_key_is_one_clear_error_without_a_stack_trace() {
        SharedServer.Key key = server.newKey("revoked");
        CliRunner cli = cli(server.url(), key.secret());
        assertEquals(0, cli.run("list").exitCode());
        server.revoke(key);

        CliResult r = cli.run("list");

        assertEquals(ExitCodes.FAILURE, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Error: The API key is not valid (unknown or revoked)\n  Value: "
                + key.secret().substring(0, 8) + "... "), r::toString);
        assertTrue(r.err().contains("  Hint: Check the API key (RGRID_API_KEY"), r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
        assertEquals(3, r.err().lines().count(), r::toString);
    }

    @Test
    void with_debug_the_stack_trace_follows_the_error() {
        CliResult r = cli(server.url(), "rgk_not_a_real_key_at_all").run("list", "--debug");

        assertEquals(ExitCodes.FAILURE, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Error: The API key is not valid"), r::toString);
        assertTrue(r.err().contains("\tat "), r::toString);
    }
}
