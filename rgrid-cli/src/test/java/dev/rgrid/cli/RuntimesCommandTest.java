package dev.rgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `rgrid runtimes`: what --runtime accepts and what is ready here (rgrid/python3.11 is). */
class RuntimesCommandTest {
    @RegisterExtension static final LocalEngine engine = LocalEngine.shared();

    @TempDir Path dir;

    @Test
    void the_table_marks_python311_present_and_default() {
        CliResult r = engine.cli(dir).run("runtimes");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.outLines().get(0).matches("NAME +IMAGE +PRESENT +DEFAULT +DESCRIPTION"), r::toString);
        assertTrue(r.out().matches("(?s).*\npython3\\.11 +rgrid/python3\\.11:latest +yes +\\* +.*"), r::toString);
    }

    @Test
    void json_lists_every_runtime_with_its_presence_and_the_default() {
        JsonNode runtimes = engine.cli(dir).run("runtimes", "--json").outJson();

        assertTrue(runtimes.size() >= 4, runtimes::toString);
        JsonNode python = runtimes.get(0);
        assertEquals("python3.11", python.get("name").asText());
        assertTrue(python.get("present").asBoolean());
        assertTrue(python.get("default").asBoolean());
        for (JsonNode runtime : runtimes) {
            assertTrue(runtime.get("present").asBoolean() || runtime.hasNonNull("hint"), runtime::toString);
        }
    }

    @Test
    void a_configured_default_runtime_is_the_one_marked() {
        CliResult r = engine.cli(dir).withEnv(Map.of("RGRID_RUNTIME", "node20")).run("runtimes", "--json");

        for (JsonNode runtime : r.outJson()) {
            assertEquals(runtime.get("name").asText().equals("node20"), runtime.get("default").asBoolean(), runtime::toString);
        }
    }
}
