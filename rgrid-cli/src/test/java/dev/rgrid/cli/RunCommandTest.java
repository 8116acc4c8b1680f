package dev.rgrid.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `rgrid run` against the real engine: output streamed, streams apart, the script's exit code kept. */
class RunCommandTest {
    @RegisterExtension static final LocalEngine engine = LocalEngine.shared();

    @TempDir Path dir;
    CliRunner cli;

    @BeforeEach
    void cli() { cli = engine.cli(dir); }

    @Test
    void hello_prints_its_output_and_exits_0() {
        cli.script("hello.py", "print('Hello from RGrid')\n");

        CliResult r = cli.run("run", "hello.py");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("Hello from RGrid\n", r.out());
        assertTrue(r.err().matches("(?s)Execution exec_\\S+ \\w+ \\(python3\\.11, 512 MB, 1\\.0 CPU, timeout 300 s\\)\n.*"), r::toString);
        assertTrue(r.err().contains(" succeeded"), r::toString);
    }

    @Test
    void a_script_exiting_3_makes_the_cli_exit_3() {
        cli.script("fail.py", "import sys\nprint('giving up')\nsys.exit(3)\n");

        CliResult r = cli.run("run", "fail.py");

        assertEquals(3, r.exitCode(), r::toString);
        assertEquals("giving up\n", r.out());
        assertTrue(r.err().contains(" failed"), r::toString);
    }

    @Test
    void stdout_and_stderr_of_the_script_stay_apart() {
        cli.script("both.py", "import sys\nprint('to stdout', flush=True)\nprint('to stderr', file=sys.stderr)\n");

        CliResult r = cli.run("run", "both.py");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("to stdout\n", r.out());
        assertTrue(r.err().contains("to stderr\n"), r::toString);
    }

    @Test
    void arguments_environment_and_options_after_double_dash_reach_the_script() {
        cli.script("args.py", "import os, sys\nprint(sys.argv[1:])\nprint(os.environ['GREETING'])\n");

        CliResult r = cli.run("run", "args.py", "data.csv", "--env", "GREETING=hi there", "--", "--epochs", "3");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("['data.csv', '--epochs', '3']\nhi there\n", r.out());
    }

    @Test
    void a_run_past_its_timeout_exits_124_and_says_timed_out() {
        cli.script("forever.py", "import time\nwhile True:\n    time.sleep(1)\n");

        CliResult r = cli.run("run", "forever.py", "--timeout", "2");

        assertEquals(ExitCodes.TIMED_OUT, r.exitCode(), r::toString);
        assertTrue(r.err().contains("timeout 2 s"), r::toString);
        assertTrue(r.err().contains(" timed_out"), r::toString);
    }

    @Test
    void a_memory_hog_exits_137_with_rgrids_own_message_on_stderr() {
        cli.script("hog.py", "chunks = []\nwhile True:\n    chunks.append(bytearray(16 * 1024 * 1024))\n");

        CliResult r = cli.run("run", "hog.py", "--memory", "64m");

        assertEquals(ExitCodes.OOM_KILLED, r.exitCode(), r::toString);
        assertTrue(r.err().contains("[rgrid] "), r::toString);
        assertTrue(r.err().contains(" oom_killed"), r::toString);
    }

    @Test
    void a_detached_run_prints_only_its_id_and_status_shows_it() {
        cli.script("hello.py", "print('Hello from RGrid')\n");

        CliResult r = cli.run("run", "--detach", "hello.py");

        assertEquals(0, r.exitCode(), r::toString);
        String id = r.out().trim();
        assertTrue(id.matches("exec_\\S+"), r::toString);
        assertEquals("", r.err());
        await().atMost(Duration.ofSeconds(60)).until(() -> cli.run("status", id).out().contains("succeeded"));
        CliResult status = cli.run("status", id);
        assertTrue(status.out().contains("ID:        " + id), status::toString);
        assertTrue(status.out().contains("Exit code: 0"), status::toString);
    }

    @Test
    void a_detached_run_with_json_prints_the_execution() {
        cli.script("hello.py", "print('Hello from RGrid')\n");

        CliResult r = cli.run("run", "-d", "--json", "--metadata", "team=ml", "hello.py");

        assertEquals(0, r.exitCode(), r::toString);
        JsonNode execution = r.outJson();
        assertTrue(execution.get("id").asText().startsWith("exec_"));
        assertEquals("hello.py", execution.get("script").asText());
        assertEquals("ml", execution.get("metadata").get("team").asText());
        assertEquals(512, execution.get("limits").get("memoryMb").asLong());
    }
}
