package dev.rgrid.server.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.rgrid.core.config.ConfigSources;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What makes a command replace the home's engine: another build of its class path, or other engine settings. */
class EngineIdentityTest {
    @TempDir Path dir;

    @Test
    void a_rebuilt_jar_is_another_build_even_with_the_same_version() throws Exception {
        Path one = Files.writeString(dir.resolve("one.jar"), "one");
        Path two = Files.writeString(dir.resolve("two.jar"), "two");
        String classPath = one + File.pathSeparator + two;
        String before = EngineIdentity.build(classPath);

        assertEquals(before, EngineIdentity.build(classPath), "nothing changed");
        Files.setLastModifiedTime(two, FileTime.from(Instant.now().plusSeconds(60)));

        assertNotEquals(before, EngineIdentity.build(classPath));
    }

    @Test
    void an_engine_setting_changes_the_identity_a_client_setting_does_not() {
        String plain = EngineIdentity.of(ConfigSources.of(Map.of("RGRID_HOME", dir.toString()), Map.of()));

        String memory = EngineIdentity.of(ConfigSources.of(Map.of("RGRID_HOME", dir.toString(), "RGRID_MAX_LOG_BYTES", "1m"),
                Map.of()));
        String fromFile = EngineIdentity.of(ConfigSources.of(Map.of("RGRID_HOME", dir.toString()), Map.of("max_log_bytes", "1m")));
        String key = EngineIdentity.of(ConfigSources.of(Map.of("RGRID_HOME", dir.toString(), "RGRID_API_KEY", "rgk_x"), Map.of()));

        assertNotEquals(plain, memory);
        assertEquals(memory, fromFile, "the same setting from the config file");
        assertEquals(plain, key);
    }
}
