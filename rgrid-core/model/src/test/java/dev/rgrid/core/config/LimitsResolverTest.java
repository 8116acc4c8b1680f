package dev.rgrid.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.config.LimitsResolver.Flags;
import dev.rgrid.core.model.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitsResolverTest {

    private static Limits resolve(Map<String, String> env, Map<String, String> file, Flags flags) {
        return new LimitsResolver(ConfigSources.of(env, file)).resolve(flags);
    }

    @Test
    void defaults_apply_when_nothing_is_set() {
        Limits limits = resolve(Map.of(), Map.of(), Flags.NONE);
        assertEquals(512, limits.memoryMb());
        assertEquals(1.0, limits.cpus());
        assertEquals(Duration.ofSeconds(300), limits.timeout());
        assertEquals(Limits.DEFAULT_PIDS_LIMIT, limits.pidsLimit());
    }

    @Test
    void flag_beats_environment_beats_file_beats_default() {
        Map<String, String> file = Map.of("memory", "300m", "timeout", "60", "cpus", "0.5");
        Map<String, String> env = Map.of("CONTAINER_MEMORY_LIMIT", "400m", "EXECUTION_TIMEOUT", "90");
        Limits limits = resolve(env, file, new Flags("1g", null, null, null));
        assertEquals(1024, limits.memoryMb(), "flag wins");
        assertEquals(Duration.ofSeconds(90), limits.timeout(), "environment beats the file");
        assertEquals(0.5, limits.cpus(), "file beats the default");
        assertEquals(400, resolve(env, file, Flags.NONE).memoryMb());
        assertEquals(300, resolve(Map.of(), file, Flags.NONE).memoryMb());
    }

    @Test
    void rgrid_names_win_over_the_names_existing_deployments_use() {
        Map<String, String> env = Map.of("RGRID_CPUS", "2", "CONTAINER_CPU_LIMIT", "0.25");
        assertEquals(2.0, resolve(env, Map.of(), Flags.NONE).cpus());
        assertEquals(0.25, resolve(Map.of("CONTAINER_CPU_LIMIT", "0.25"), Map.of(), Flags.NONE).cpus());
    }

    @Test
    void sizes_and_durations_read_the_usual_ways() {
        assertEquals(512, resolve(Map.of(), Map.of(), new Flags("512", null, null, null)).memoryMb());
        assertEquals(2048, resolve(Map.of(), Map.of(), new Flags("2GiB", null, null, null)).memoryMb());
        assertEquals(256, resolve(Map.of(), Map.of(), new Flags("268435456b", null, null, null)).memoryMb());
        assertEquals(Duration.ofMinutes(5), resolve(Map.of(), Map.of(), new Flags(null, null, "5m", null)).timeout());
    }

    @Test
    void out_of_range_value_is_refused_naming_its_source() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> resolve(Map.of("CONTAINER_MEMORY_LIMIT", "1m"), Map.of(), Flags.NONE));
        assertEquals("invalid_limit", e.code());
        assertTrue(e.what().contains("CONTAINER_MEMORY_LIMIT"), e.what());
        assertEquals("1 MB", e.value());
        assertTrue(e.hint().contains("between"), e.hint());
    }

    @Test
    void unreadable_value_is_refused_with_an_example() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> resolve(Map.of(), Map.of(), new Flags(null, "lots", null, null)));
        assertTrue(e.what().contains("--cpus"), e.what());
        assertEquals("lots", e.value());
        assertThrows(InvalidInputException.class, () -> resolve(Map.of(), Map.of(), new Flags(null, null, "0", null)));
        assertThrows(InvalidInputException.class, () -> resolve(Map.of(), Map.of(), new Flags(null, "NaN", null, null)));
    }

    @Test
    void the_config_file_under_rgrid_home_is_read(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("config"), "# limits\nmemory = 768m\ntimeout=45s\n");
        ConfigSources sources = ConfigSources.load(Map.of("RGRID_HOME", home.toString()));
        Limits limits = new LimitsResolver(sources).resolve(Flags.NONE);
        assertEquals(768, limits.memoryMb());
        assertEquals(Duration.ofSeconds(45), limits.timeout());
        assertEquals(home, sources.home());
    }
}
