package dev.rgrid.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `rgrid delete`: ended executions go with their files; the others are refused one by one. And `rgrid workers` here. */
class DeleteAndWorkersTest {
    @RegisterExtension static final LocalEngine engine = LocalEngine.shared();

    @TempDir Path dir;
    CliRunner cli;

    @BeforeEach
    void cli() { cli = engine.cli(dir); }

    private String runToEnd(String script, String code) {
        cli.script(script, code);
        String id = cli.run("run", "-d", script).out().trim();
        await().atMost(Duration.ofSeconds(60)).until(() -> !cli.run("status", id, "--json").outJson().get("finishedAt").isNull());
        CliResult status = cli.run("status", id);
        assertTrue(status.out().contains("Status:    succeeded"), status::toString);
        return id;
    }

    @Test
    void an_ended_run_is_deleted_with_its_outputs_and_is_then_unknown() {
        String id = runToEnd("out.py", "import os\nopen(os.environ['RGRID_OUTPUT_DIR'] + '/r.txt', 'w').write('r')\n");

        CliResult r = cli.run("delete", id);

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("Deleted " + id + " with its logs, 1 output file and 0 input files.\n", r.out());
        assertEquals(3, cli.run("status", id).exitCode(), "unknown now");
    }

    @Test
    void each_id_is_tried_and_a_refusal_sets_the_exit_code() {
        String done = runToEnd("ok.py", "print(1)\n");
        cli.script("slow.py", "import time\nprint('up', flush=True)\ntime.sleep(600)\n");
        String running = cli.run("run", "-d", "slow.py").out().trim();
        await().atMost(Duration.ofSeconds(60)).until(() -> cli.run("logs", running).out().contains("up"));

        CliResult r = cli.run("delete", "exec_nope", running, done);

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("exec_nope"), r.err());
        assertTrue(r.err().contains("execution_active") || r.err().contains("has not ended"), r.err());
        assertTrue(r.err().contains("rgrid cancel " + running), r.err());
        assertTrue(r.out().contains("Deleted " + done), r.out());
        assertEquals(0, cli.run("status", running).exitCode(), "the running one is still there");
        cli.run("cancel", running);
    }

    @Test
    void json_lists_what_went() {
        String id = runToEnd("j.py", "print(1)\n");

        JsonNode deleted = cli.run("delete", id, "--json").outJson();

        assertEquals(1, deleted.size());
        assertEquals(id, deleted.get(0).get("id").asText());
        assertEquals(0, deleted.get(0).get("outputs").asInt());
    }

    @Test
    void workers_says_the_embedded_default_has_no_cluster() {
        CliResult r = cli.run("workers");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("No worker nodes: the embedded default runs everything on this machine (Ray in local mode).\n", r.out());
        JsonNode json = cli.run("workers", "--json").outJson();
        assertEquals(List.of(0, 0), List.of(json.get("workers").size(), json.get("servers").size()), json::toString);
        CliResult events = cli.run("workers", "--events");
        assertEquals(0, events.exitCode(), events::toString);
        assertTrue(events.out().startsWith("No autoscaler decisions: nodes are not provisioned here"), events::toString);
    }
}
