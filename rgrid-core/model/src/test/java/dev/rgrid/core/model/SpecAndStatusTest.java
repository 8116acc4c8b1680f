package dev.rgrid.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.runtime.RuntimeCatalogue;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecAndStatusTest {

    @Test
    void final_statuses_allow_no_move() {
        for (ExecutionStatus s : ExecutionStatus.finals()) {
            assertTrue(s.isFinal());
            assertTrue(s.next().isEmpty(), s + " must be final");
        }
        assertTrue(ExecutionStatus.RUNNING.canMoveTo(ExecutionStatus.OOM_KILLED));
        assertFalse(ExecutionStatus.QUEUED.canMoveTo(ExecutionStatus.RUNNING), "a run is dispatched first");
        assertEquals(ExecutionStatus.TIMED_OUT, ExecutionStatus.fromLabel("Timed_Out"));
    }

    @Test
    void a_spec_refuses_bad_names_before_anything_runs() {
        assertThrows(InvalidInputException.class, () -> ExecutionSpec.builder("../x.py", new byte[0]).build());
        InvalidInputException env = assertThrows(InvalidInputException.class,
                () -> ExecutionSpec.builder("x.py", new byte[0]).env("1BAD", "v").build());
        assertEquals("1BAD", env.value());
        assertThrows(InvalidInputException.class, () -> ExecutionSpec.builder("x.py", new byte[0]).metadata("a b", "v").build());
        assertEquals("python3.11", ExecutionSpec.builder("x.py", new byte[0]).runtime(" ").build().runtime());
    }

    @Test
    void retries_are_between_0_and_9_and_default_to_2() {
        assertEquals(3, ExecutionSpec.builder("x.py", new byte[0]).build().maxAttempts());
        assertEquals(1, ExecutionSpec.builder("x.py", new byte[0]).retries(0).build().maxAttempts());
        InvalidInputException tooMany = assertThrows(InvalidInputException.class,
                () -> ExecutionSpec.builder("x.py", new byte[0]).retries(10).build());
        assertEquals("invalid_retries", tooMany.code());
        assertEquals("10", tooMany.value());
        assertThrows(InvalidInputException.class, () -> ExecutionSpec.builder("x.py", new byte[0]).retries(-1).build());
    }

    @Test
    void unknown_runtime_lists_the_known_ones() {
        RuntimeCatalogue catalogue = RuntimeCatalogue.standard();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> catalogue.resolve("python2.7"));
        assertEquals("unknown_runtime", e.code());
        assertEquals("python2.7", e.value());
        for (String name : List.of("python3.11", "python3.12", "node20")) assertTrue(e.hint().contains(name), e.hint());
    }

    @Test
    void an_image_name_is_a_runtime_too_and_the_script_picks_the_interpreter() {
        RuntimeCatalogue catalogue = RuntimeCatalogue.standard();
        var entry = catalogue.resolve("python:3.12-slim");
        assertTrue(entry.isExplicitImage());
        assertEquals(List.of("python3", "a.py", "x"), catalogue.command(entry, "a.py", List.of("x")));
        assertEquals(List.of("node", "a.js"), catalogue.command(catalogue.resolve("node20"), "a.js", List.of()));
        assertThrows(InvalidInputException.class, () -> catalogue.command(entry, "a.rb", List.of()));
    }

    @Test
    void a_nul_in_any_text_of_the_spec_is_refused_naming_which() {
        byte[] code = "print(1)".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        InvalidInputException name = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> ExecutionSpec.builder("a\0.py", code).build());
        InvalidInputException arg = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> ExecutionSpec.builder("a.py", code).args(java.util.List.of("x\0y")).build());

        org.junit.jupiter.api.Assertions.assertEquals("invalid_text", name.code());
        org.junit.jupiter.api.Assertions.assertTrue(name.what().contains("script name"), name.what());
        org.junit.jupiter.api.Assertions.assertTrue(arg.what().contains("argument"), arg.what());
    }

    @Test
    void a_null_argument_or_value_is_refused_naming_which() {
        byte[] code = "print(1)".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.Arrays.asList("x", null));
        java.util.Map<String, String> env = new java.util.HashMap<>();
        env.put("TOKEN", null);
        InvalidInputException arg = assertThrows(InvalidInputException.class,
                () -> ExecutionSpec.builder("a.py", code).args(args).build());
        InvalidInputException value = assertThrows(InvalidInputException.class,
                () -> ExecutionSpec.builder("a.py", code).env(env).build());
        assertEquals("invalid_text", arg.code());
        assertEquals("An argument is null", arg.what());
        assertEquals("An environment value is null", value.what());
    }
}
