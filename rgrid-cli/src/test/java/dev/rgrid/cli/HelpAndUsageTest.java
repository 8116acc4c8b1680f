package dev.rgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, usage and completion never need the engine: these tests give the CLI one that cannot open. */
class HelpAndUsageTest {
    @TempDir Path dir;

    private CliResult rgrid(String... args) {
        RGridProvider noEngine = RGridProvider.opening(() -> {
            throw new AssertionError("help and usage must not open the engine");
        });
        return new CliRunner(noEngine, dir, Map.of()).run(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "status", "logs", "list", "cancel", "delete", "workers", "cache", "outputs", "download", "runtimes", "info", "init", "shutdown", "completion"})
    void every_command_has_help(String command) {
        CliResult r = rgrid(command, "--help");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("Usage: rgrid " + command), r::toString);
    }

    @Test
    void top_level_help_lists_every_command_and_the_exit_codes() {
        CliResult r = rgrid("--help");

        assertEquals(0, r.exitCode(), r::toString);
        for (String command : new String[] {"run", "status", "logs", "list", "cancel", "delete", "workers", "cache", "runtimes", "info", "init", "shutdown", "help", "completion"}) {
            assertTrue(r.out().contains("\n  " + command + " "), command);
        }
        assertTrue(r.out().contains("124 timed out"), r::toString);
    }

    @Test
    void the_help_command_shows_a_commands_usage() {
        CliResult r = rgrid("help", "logs");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("--stderr-only"), r::toString);
    }

    @Test
    void completion_prints_a_bash_completion_script() {
        CliResult r = rgrid("completion");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("complete -F _complete_rgrid"), r::toString);
    }

    @Test
    void no_command_prints_usage_to_stderr_and_exits_2() {
        CliResult r = rgrid();

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Usage: rgrid"), r::toString);
    }

    @Test
    void a_missing_argument_is_a_structured_usage_error() {
        CliResult r = rgrid("status");

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertEquals("Error: Missing required parameter: 'ID'\n  Hint: See 'rgrid status --help'\n", r.err());
    }

    @Test
    void version_is_printed() {
        CliResult r = rgrid("--version");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("rgrid "), r::toString);
    }
}
