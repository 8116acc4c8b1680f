package dev.rgrid.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `rgrid status` and `rgrid cancel`. */
class StatusAndCancelTest {
    @RegisterExtension static final LocalEngine engine = LocalEngine.shared();

    @TempDir Path dir;
    CliRunner cli;

    @BeforeEach
    void cli() { cli = engine.cli(dir); }

    private String statusOf(String id) {
        return cli.run("status", id, "--json").outJson().get("status").asText();
    }

    @Test
    void status_shows_what_ran_where_with_which_limits_and_how_it_ended() {
        cli.script("hello.py", "print('hi')\n");
        String id = cli.run("run", "-d", "hello.py", "a1", "--memory", "1g", "--cpus", "0.5", "--metadata", "team=ml",
                "--retries", "4").out().trim();
        await().atMost(Duration.ofSeconds(60)).until(() -> statusOf(id).equals("succeeded"));

        CliResult r = cli.run("status", id);

        assertEquals(0, r.exitCode(), r::toString);
        String out = r.out();
        assertTrue(out.contains("Status:    succeeded\n"), out);
        assertTrue(out.contains("Exit code: 0\n"), out);
        assertTrue(out.contains("Script:    hello.py a1\n"), out);
        assertTrue(out.contains("Runtime:   python3.11 (image rgrid/python3.11:latest)\n"), out);
        assertTrue(out.contains("Limits:    1 GB, 0.5 CPU, timeout 300 s, 256 processes\n"), out);
        assertTrue(out.contains("Isolation: container\n"), out);
        assertTrue(out.contains("Attempt:   1 of 5\n"), out);
        assertTrue(out.contains("Logs:      complete\n"), "nothing was cut by the log limit: " + out);
        assertTrue(!out.contains("Attempts:"), "one attempt that ended normally needs no list: " + out);
        assertTrue(out.contains("Metadata:  team=ml\n"), out);
        assertTrue(out.matches("(?s).*Duration:  \\d+\\.\\d s\n.*"), out);
    }

    @Test
    void status_json_has_labels_limits_and_iso_times() {
        cli.script("hello.py", "print('hi')\n");
        String id = cli.run("run", "-d", "hello.py").out().trim();
        await().atMost(Duration.ofSeconds(60)).until(() -> statusOf(id).equals("succeeded"));

        JsonNode e = cli.run("status", id, "--json").outJson();

        assertEquals(id, e.get("id").asText());
        assertEquals(0, e.get("exitCode").asInt());
        assertEquals(300, e.get("limits").get("timeoutSeconds").asLong());
        assertEquals("container", e.get("isolation").asText());
        Instant started = Instant.parse(e.get("startedAt").asText());
        Instant finished = Instant.parse(e.get("finishedAt").asText());
        assertTrue(!finished.isBefore(started));
    }

    @Test
    void status_of_an_unknown_id_says_so_and_exits_3() {
        CliResult text = cli.run("status", "exec_nope");
        CliResult json = cli.run("status", "exec_nope", "--json");

        assertEquals(ExitCodes.NOT_FOUND, text.exitCode(), text::toString);
        assertTrue(text.err().contains("Value: exec_nope"), text::toString);
        assertEquals(ExitCodes.NOT_FOUND, json.exitCode(), json::toString);
        assertEquals("exec_nope", json.errJson().get("error").get("value").asText());
        assertEquals("execution_not_found", json.errJson().get("error").get("code").asText());
    }

    @Test
    void cancel_stops_a_running_execution() {
        cli.script("forever.py", "import time\nprint('started', flush=True)\nwhile True:\n    time.sleep(1)\n");
        String id = cli.run("run", "-d", "forever.py").out().trim();
        await().atMost(Duration.ofSeconds(60)).until(() -> statusOf(id).equals("running"));

        CliResult r = cli.run("cancel", id);

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("Cancel"), r::toString);
        await().atMost(Duration.ofSeconds(60)).until(() -> statusOf(id).equals("cancelled"));
        CliResult again = cli.run("cancel", id);
        assertEquals("Execution " + id + " had already ended: cancelled; nothing to cancel.\n", again.out());
    }
}
