package dev.rgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Runs refused before anything is submitted: each names what failed, the value at fault and what to do. */
class RefusedRunsTest {
    @RegisterExtension static final LocalEngine engine = LocalEngine.fresh();

    @TempDir Path dir;
    CliRunner cli;

    @BeforeEach
    void cli() { cli = engine.cli(dir); }

    @AfterEach
    void nothing_was_submitted() {
        CliResult list = cli.run("list", "--json");
        assertEquals(0, list.exitCode(), list::toString);
        assertEquals(0, list.outJson().size(), list::toString);
    }

    @Test
    void a_missing_script_is_refused_naming_the_path_tried_and_what_to_check() {
        CliResult r = cli.run("run", "nonexistent.py");

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Error: Script file not found\n"), r::toString);
        assertTrue(r.err().contains("Value: nonexistent.py (looked for " + dir.resolve("nonexistent.py").toAbsolutePath() + ")"), r::toString);
        assertTrue(r.err().contains("Hint: Check the file name and the current directory"), r::toString);
        assertFalse(r.err().contains("Exception"), r::toString);
        assertEquals("", r.out());
    }

    @Test
    void a_directory_is_not_a_script() throws Exception {
        Files.createDirectory(dir.resolve("project"));

        CliResult r = cli.run("run", "project");

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("The script path is a directory"), r::toString);
        assertTrue(r.err().contains("project/main.py"), r::toString);
    }

    @Test
    void an_unknown_runtime_is_refused_listing_the_available_ones() {
        cli.script("hello.py", "print('hello')\n");

        CliResult r = cli.run("run", "hello.py", "--runtime", "cobol85");

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Error: Unknown runtime"), r::toString);
        assertTrue(r.err().contains("Value: cobol85"), r::toString);
        assertTrue(r.err().contains("python3.11") && r.err().contains("node20"), r::toString);
    }

    @Test
    void one_megabyte_of_memory_is_refused_before_anything_runs() {
        cli.script("hello.py", "print('hello')\n");

        CliResult r = cli.run("run", "hello.py", "--memory", "1");

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("memory limit is out of range (from --memory)"), r::toString);
        assertTrue(r.err().contains("Value: 1 MB"), r::toString);
        assertTrue(r.err().contains("Hint: Choose a value between 16 MB"), r::toString);
    }

    @Test
    void a_bad_limit_in_the_environment_names_the_variable_to_fix() {
        cli.script("hello.py", "print('hello')\n");

        CliResult r = cli.withEnv(Map.of("CONTAINER_MEMORY_LIMIT", "plenty")).run("run", "hello.py");

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("CONTAINER_MEMORY_LIMIT in the environment"), r::toString);
        assertTrue(r.err().contains("Value: plenty"), r::toString);
    }

    @Test
    void with_json_the_error_is_a_json_object_on_stderr() {
        CliResult r = cli.run("run", "--detach", "--json", "nonexistent.py");

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        JsonNode error = r.errJson().get("error");
        assertEquals("script_not_found", error.get("code").asText());
        assertEquals("Script file not found", error.get("message").asText());
        assertTrue(error.get("value").asText().contains(dir.resolve("nonexistent.py").toString()));
        assertTrue(error.hasNonNull("hint"));
        assertEquals("", r.out());
    }

    @Test
    void json_output_of_an_attached_run_is_refused_pointing_at_detach() {
        cli.script("hello.py", "print('hello')\n");

        CliResult r = cli.run("run", "--json", "hello.py");

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertEquals("json_needs_detach", r.errJson().get("error").get("code").asText());
    }

    @Test
    void an_unknown_option_suggests_the_right_one_and_how_to_pass_options_to_the_script() {
        cli.script("hello.py", "print('hello')\n");

        CliResult r = cli.run("run", "hello.py", "--memroy", "1g");

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Error: Unknown option: '--memroy'"), r::toString);
        assertTrue(r.err().contains("Did you mean --memory"), r::toString);
        assertTrue(r.err().contains("rgrid run train.py -- --epochs 3"), r::toString);
    }
}
