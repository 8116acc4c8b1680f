package dev.rgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unexpected failure: one line saying so and how to learn more; the stack trace only with --debug. */
class InternalErrorTest {
    @TempDir Path dir;

    private CliResult rgrid(String... args) {
        RGridProvider broken = RGridProvider.opening(() -> {
            throw new IllegalStateException("engine exploded");
        });
        return new CliRunner(broken, dir, Map.of()).run(args);
    }

    @Test
    void an_unexpected_exception_is_an_internal_error_without_a_stack_trace() {
        CliResult r = rgrid("list");

        assertEquals(ExitCodes.FAILURE, r.exitCode(), r::toString);
        assertEquals("Error: Internal error: engine exploded\n  Hint: Rerun with --debug to see the stack trace, "
                + "and report it if it persists\n", r.err());
    }

    @Test
    void with_debug_the_stack_trace_follows() {
        CliResult r = rgrid("list", "--debug");

        assertEquals(ExitCodes.FAILURE, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Error: Internal error: engine exploded\n"), r::toString);
        assertTrue(r.err().contains("java.lang.IllegalStateException: engine exploded\n\tat "), r::toString);
    }

    @Test
    void debug_given_before_the_command_counts_too() {
        CliResult r = rgrid("--debug", "status", "exec_1");

        assertTrue(r.err().contains("\tat "), r::toString);
    }

    @Test
    void with_json_it_is_a_json_error() {
        CliResult r = rgrid("runtimes", "--json");

        assertEquals("internal_error", r.errJson().get("error").get("code").asText());
        assertFalse(r.err().contains("\tat "), r::toString);
    }
}
