package dev.rgrid.core.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.model.ExecutionSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one rule for where a run's files land, as every way in applies it. */
class InputPlacesTest {
    @Test
    void distinct_places_pass() {
        assertNull(InputPlaces.firstClash("main.py", List.of("data/a.csv", "data/b.csv", "main2.py", "lib/x/y.py")));
    }

    @Test
    void an_input_at_the_scripts_path_would_replace_it_and_is_refused() {
        InputPlaces.Clash clash = InputPlaces.firstClash("dup.py", List.of("ok.csv", "dup.py"));
        assertEquals(1, clash.index());
        assertTrue(clash.withScript());
        InvalidInputException e = clash.error();
        assertEquals("duplicate_input", e.code());
        assertEquals("dup.py", e.value());
        assertTrue(e.what().contains("replacing it"), e.what());
    }

    @Test
    void two_inputs_at_one_place_are_refused_naming_the_second() {
        InputPlaces.Clash clash = InputPlaces.firstClash("main.py", List.of("a.csv", "b.csv", "a.csv"));
        assertEquals(2, clash.index());
        assertEquals("a.csv", clash.other());
        assertTrue(!clash.withScript());
    }

    @Test
    void a_file_where_another_needs_a_directory_is_refused_either_way_round() {
        assertEquals("data/x.csv", InputPlaces.firstClash("main.py", List.of("data/x.csv", "data")).other());
        assertEquals("data", InputPlaces.firstClash("main.py", List.of("data", "data/x.csv")).other());
        assertTrue(InputPlaces.firstClash("main.py", List.of("main.py/x")).withScript());
    }

    @Test
    void the_spec_applies_the_same_rule(@TempDir Path dir) throws java.io.IOException {
        Path other = java.nio.file.Files.writeString(dir.resolve("elsewhere.py"), "print('not the script')");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExecutionSpec.builder("dup.py", new byte[0])
                .input("dup.py", other).build());
        assertEquals("duplicate_input", e.code());
    }

    @Test
    void ten_thousand_inputs_are_checked_at_once() {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) paths.add("data/part-" + i + "/file.csv");
        paths.add("data/part-9999");
        assertEquals(10_000, InputPlaces.firstClash("main.py", paths).index());
    }
}
