package dev.rgrid.core.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.config.ConfigSources;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileLimitsTest {
    @Test
    void nothing_configured_gives_ten_gigabytes_a_file_fifty_a_run_and_a_thousand_outputs() {
        FileLimits limits = FileLimits.from(ConfigSources.of(Map.of(), Map.of()));

        assertEquals(FileLimits.DEFAULTS, limits);
        assertEquals(10L << 30, limits.maxFileBytes());
        assertEquals(50L << 30, limits.maxRunBytes());
        assertEquals(1000, limits.maxOutputs());
    }

    @Test
    void sizes_are_read_with_units_and_the_environment_wins_over_the_file() {
        FileLimits limits = FileLimits.from(ConfigSources.of(
                Map.of("RGRID_MAX_FILE_BYTES", "512m", "RGRID_MAX_OUTPUTS", "20"),
                Map.of("max_file_bytes", "1g", "max_run_bytes", "1.5g")));

        assertEquals(new FileLimits(512L << 20, 3L << 29, 20), limits);
    }

    @Test
    void a_bad_size_is_refused_naming_where_it_came_from() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () ->
                FileLimits.from(ConfigSources.of(Map.of("RGRID_MAX_RUN_BYTES", "lots"), Map.of())));

        assertTrue(e.what().contains("RGRID_MAX_RUN_BYTES"), e.getMessage());
        assertEquals("lots", e.value());
    }

    @Test
    void a_run_total_below_the_largest_file_is_refused() {
        assertThrows(InvalidInputException.class, () -> new FileLimits(2L << 30, 1L << 30, 10));
        assertThrows(InvalidInputException.class, () -> new FileLimits(1, 1, 0));
    }

    @Test
    void inputs_over_the_file_or_run_limit_are_refused_naming_the_setting() {
        FileLimits limits = new FileLimits(100, 250, 10);
        limits.checkInput("a.bin", 100);
        var file = org.junit.jupiter.api.Assertions.assertThrows(dev.rgrid.core.InvalidInputException.class,
                () -> limits.checkInput("b.bin", 101));
        org.junit.jupiter.api.Assertions.assertEquals("input_too_large", file.code());
        org.junit.jupiter.api.Assertions.assertTrue(file.value().contains("b.bin") && file.hint().contains("RGRID_MAX_FILE_BYTES"));
        limits.checkInputsTotal(250);
        var total = org.junit.jupiter.api.Assertions.assertThrows(dev.rgrid.core.InvalidInputException.class,
                () -> limits.checkInputsTotal(251));
        org.junit.jupiter.api.Assertions.assertEquals("inputs_too_large", total.code());
        org.junit.jupiter.api.Assertions.assertTrue(total.hint().contains("RGRID_MAX_RUN_BYTES"), total.hint());
    }
}
