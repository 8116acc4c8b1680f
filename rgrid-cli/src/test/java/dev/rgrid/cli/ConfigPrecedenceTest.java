package dev.rgrid.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.config.RGridHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each limit: the flag beats the environment, which beats $RGRID_HOME/config, which beats the default.
 * The CLI reads an environment map here, never the real process environment.
 */
class ConfigPrecedenceTest {
    @RegisterExtension static final LocalEngine engine = LocalEngine.shared();

    @TempDir Path dir;
    @TempDir Path configHome;

    @BeforeEach
    void script() throws IOException {
        Files.writeString(dir.resolve("hello.py"), "print('hi')\n");
    }

    private long memoryOfRun(Map<String, String> env, String... flags) {
        Map<String, String> all = new HashMap<>(env);
        all.put(RGridHome.ENV, configHome.toString());
        CliRunner cli = CliRunner.against(engine.rgrid(), dir, all);
        String[] args = new String[flags.length + 3];
        args[0] = "run";
        args[1] = "--detach";
        args[2] = "hello.py";
        System.arraycopy(flags, 0, args, 3, flags.length);
        CliResult run = cli.run(args);
        assertEquals(0, run.exitCode(), run::toString);
        String id = run.out().trim();
        // Let it end, so no container of this engine is still running when another test opens its own.
        await().atMost(Duration.ofSeconds(60)).until(() -> cli.run("logs", "-f", id).exitCode() == 0
                && !cli.run("status", id, "--json").outJson().get("finishedAt").isNull());
        return cli.run("status", id, "--json").outJson().get("limits").get("memoryMb").asLong();
    }

    @Test
    void memory_comes_from_flag_then_environment_then_config_file_then_default() throws IOException {
        assertEquals(512, memoryOfRun(Map.of()));

        Files.writeString(configHome.resolve(RGridHome.CONFIG_FILE), "memory = 300m\n");
        assertEquals(300, memoryOfRun(Map.of()));

        Map<String, String> env = Map.of("CONTAINER_MEMORY_LIMIT", "400m");
        assertEquals(400, memoryOfRun(env));

        assertEquals(500, memoryOfRun(env, "--memory", "500m"));
    }

    @Test
    void rgrids_own_variable_beats_the_compatible_alias() {
        assertEquals(256, memoryOfRun(Map.of("RGRID_MEMORY", "256m", "CONTAINER_MEMORY_LIMIT", "400m")));
    }

    @Test
    void the_default_runtime_comes_from_the_environment() {
        CliRunner cli = CliRunner.against(engine.rgrid(), dir, Map.of(RGridHome.ENV, configHome.toString(), "RGRID_RUNTIME", "nosuchruntime"));

        CliResult r = cli.run("run", "hello.py");

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Value: nosuchruntime"), r::toString);
    }
}
