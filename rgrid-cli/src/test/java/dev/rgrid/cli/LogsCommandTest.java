package dev.rgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `rgrid logs`: stdout and stderr apart, one stream alone, JSON Lines, following a live run. */
class LogsCommandTest {
    @RegisterExtension static final LocalEngine engine = LocalEngine.shared();

    @TempDir Path dir;
    CliRunner cli;

    @BeforeEach
    void cli() { cli = engine.cli(dir); }

    /** Runs a script that writes two lines to each stream, detached, and follows it to its end. */
    private String finishedRun() {
        cli.script("both.py", "import sys\nfor i in (1, 2):\n    print(f'out {i}', flush=True)\n"
                + "    print(f'err {i}', file=sys.stderr, flush=True)\n");
        String id = cli.run("run", "--detach", "both.py").out().trim();
        CliResult followed = cli.run("logs", "--follow", id);
        assertEquals(0, followed.exitCode(), followed::toString);
        return id;
    }

    @Test
    void stderr_only_shows_only_what_the_script_wrote_to_stderr() {
        String id = finishedRun();

        CliResult r = cli.run("logs", id, "--stderr-only");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("err 1\nerr 2\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void timestamps_prefix_each_line_with_the_time_it_was_written() {
        String id = finishedRun();

        CliResult r = cli.run("logs", id, "--stdout-only", "-t");

        assertTrue(r.out().matches("(?s)\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z out 1\n\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z out 2\n"), r::toString);
    }

    @Test
    void stdout_only_shows_only_what_the_script_wrote_to_stdout() {
        String id = finishedRun();

        CliResult r = cli.run("logs", id, "--stdout-only");

        assertEquals("out 1\nout 2\n", r.out(), r::toString);
    }

    @Test
    void without_a_filter_each_stream_goes_to_its_own_place() {
        String id = finishedRun();

        CliResult r = cli.run("logs", id);

        assertEquals("out 1\nout 2\n", r.out(), r::toString);
        assertTrue(r.err().contains("err 1\nerr 2\n"), r::toString);
    }

    @Test
    void following_a_live_run_prints_every_line_until_it_ends() {
        cli.script("slow.py", "import time\nfor i in range(3):\n    print(f'step {i}', flush=True)\n    time.sleep(0.5)\n");
        String id = cli.run("run", "--detach", "slow.py").out().trim();

        CliResult r = cli.run("logs", "-f", id);

        assertEquals("step 0\nstep 1\nstep 2\n", r.out(), r::toString);
        assertTrue(cli.run("status", id).out().contains("succeeded"));
    }

    @Test
    void json_logs_are_one_object_per_line_with_seq_stream_time_and_text() {
        String id = finishedRun();

        CliResult r = cli.run("logs", id, "--json", "--stderr-only");

        List<JsonNode> lines = r.outJsonLines();
        assertEquals(2, lines.size(), r::toString);
        JsonNode first = lines.get(0);
        assertEquals("stderr", first.get("stream").asText());
        assertEquals("err 1", first.get("text").asText());
        assertTrue(first.get("seq").asLong() > 0);
        Instant.parse(first.get("time").asText());
        assertTrue(lines.get(1).get("seq").asLong() > first.get("seq").asLong());
    }

    @Test
    void logs_of_an_unknown_id_say_so_and_exit_3() {
        CliResult r = cli.run("logs", "exec_doesnotexist");

        assertEquals(ExitCodes.NOT_FOUND, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Error: No execution with this id\n  Value: exec_doesnotexist\n  Hint: "), r::toString);
    }

    @Test
    void stdout_only_and_stderr_only_together_are_a_usage_error() {
        CliResult r = cli.run("logs", "exec_x", "--stdout-only", "--stderr-only");

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Error: --stdout-only, --stderr-only are mutually exclusive"), r::toString);
    }
}
