package dev.rgrid.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `rgrid list`: newest first, filtered by status and metadata, as a table or JSON. */
class ListCommandTest {
    @RegisterExtension static final LocalEngine engine = LocalEngine.shared();

    @TempDir Path dir;
    CliRunner cli;
    String batch;

    @BeforeEach
    void cli() {
        cli = engine.cli(dir);
        batch = "batch=" + UUID.randomUUID();
    }

    private String runTo(String script, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", script, "--metadata", batch));
        args.addAll(List.of(extra));
        CliResult r = cli.run(args.toArray(String[]::new));
        return r.err().lines().findFirst().orElseThrow().split(" ")[1];
    }

    private List<String> ids(CliResult r) {
        List<String> ids = new ArrayList<>();
        for (JsonNode e : r.outJson()) ids.add(e.get("id").asText());
        return ids;
    }

    @Test
    void status_and_metadata_filters_pick_the_matching_runs() {
        cli.script("ok.py", "print('ok')\n");
        cli.script("bad.py", "raise SystemExit(4)\n");
        String ok = runTo("ok.py", "--metadata", "kind=good");
        String bad = runTo("bad.py");

        assertEquals(List.of(bad, ok), ids(cli.run("list", "--metadata", batch, "--json")));
        assertEquals(List.of(bad), ids(cli.run("list", "--metadata", batch, "--status", "failed", "--json")));
        assertEquals(List.of(bad, ok), ids(cli.run("list", "--metadata", batch, "--status", "failed,succeeded", "--json")));
        assertEquals(List.of(ok), ids(cli.run("list", "--metadata", batch, "--metadata", "kind=good", "--json")));
        assertEquals(List.of(), ids(cli.run("list", "--metadata", batch, "--status", "running", "--json")));
    }

    @Test
    void the_table_shows_id_status_runtime_created_duration_exit_and_script() {
        cli.script("bad.py", "raise SystemExit(4)\n");
        String bad = runTo("bad.py");

        CliResult r = cli.run("list", "--metadata", batch);

        assertEquals(0, r.exitCode(), r::toString);
        List<String> lines = r.outLines();
        assertTrue(lines.get(0).matches("ID +STATUS +RUNTIME +CREATED +DURATION +EXIT +SCRIPT"), r::toString);
        assertTrue(lines.get(1).matches(bad + " +failed +python3\\.11 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +\\S+ s +4 +bad\\.py"), r::toString);
    }

    @Test
    void json_lists_executions_with_iso_times() {
        cli.script("ok.py", "print('ok')\n");
        String id = cli.run("run", "-d", "ok.py", "--metadata", batch).out().trim();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> cli.run("list", "--metadata", batch, "--status", "succeeded", "--json").outJson().size() == 1);

        JsonNode e = cli.run("list", "--metadata", batch, "--json").outJson().get(0);

        assertEquals(id, e.get("id").asText());
        assertEquals("succeeded", e.get("status").asText());
        assertTrue(e.get("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), e::toString);
        assertTrue(e.get("durationSeconds").isNumber(), e::toString);
    }

    @Test
    void an_unknown_status_is_refused_listing_the_valid_ones() {
        CliResult r = cli.run("list", "--status", "exploded");

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Error: Unknown status\n  Value: exploded\n"), r::toString);
        assertTrue(r.err().contains("queued, dispatched, running, succeeded, failed, timed_out, oom_killed, cancelled, worker_lost"), r::toString);
    }

    @Test
    void nothing_matching_says_so() {
        CliResult r = cli.run("list", "--metadata", batch);

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("No executions match.\n", r.out());
    }
}
