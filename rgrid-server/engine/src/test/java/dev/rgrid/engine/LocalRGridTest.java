package dev.rgrid.engine;

import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.RGridContract;
import dev.rgrid.sdk.RuntimeInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.LogStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded engine with a real Docker engine, plus what only containers do. */
class LocalRGridTest extends RGridContract {
    @TempDir
    static Path home;
    private static RGrid rgrid;

    @BeforeAll
    static void open() {
        rgrid = TestEngines.open(home, Map.of());
    }

    @AfterAll
    static void close() {
        if (rgrid != null) rgrid.close();
    }

    @Override
    protected RGrid rgrid() {
        return rgrid;
    }

    @Test
    void runs_are_isolated_in_containers_on_python_3_11_by_default() {
        assertTrue(rgrid.info().isolated(), rgrid.info().detail());
        Execution done = runToEnd(python("import platform, os\nprint(platform.python_version(), os.getuid())").build());
        assertEquals("container", done.isolation());
        assertEquals("rgrid/python3.11:latest", done.image());
        assertTrue(texts(done.id(), LogQuery.all()).get(0).matches("3\\.11\\.\\d+ 65534"), texts(done.id(), LogQuery.all()).toString());
    }

    @Test
    void memory_hog_is_killed_at_its_limit_with_a_clear_last_line() {
        Execution done = runToEnd(python("chunks = []\nwhile True:\n    chunks.append(bytearray(50 * 1024 * 1024))")
                .limits(Limits.DEFAULTS.withMemoryMb(128)).build());
        assertEquals(ExecutionStatus.OOM_KILLED, done.status());
        assertEquals(137, done.exitCode());
        List<String> lines = texts(done.id(), LogQuery.all());
        assertEquals("Container killed: it exceeded its memory limit of 128 MB", lines.get(lines.size() - 1));
    }

    @Test
    void node20_runs_a_node_script_in_its_own_image() {
        Execution done = runToEnd(ExecutionSpec.builder("hello.js",
                "console.log(`node ${process.versions.node.split('.')[0]}`)".getBytes(StandardCharsets.UTF_8))
                .runtime("node20").build());
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.reason());
        assertEquals("rgrid/node20:latest", done.image());
        assertEquals(List.of("node 20"), texts(done.id(), new LogQuery(0, Set.of(LogStream.STDOUT), 10)));
    }

    @Test
    void an_image_name_works_as_a_runtime_when_the_image_is_here() {
        Execution done = runToEnd(python("print('explicit')").runtime("rgrid/python3.11:latest").build());
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.reason());
        assertEquals("rgrid/python3.11:latest", done.image());
    }

    @Test
    void a_runtime_whose_image_is_missing_is_refused_before_anything_is_recorded_saying_how_to_get_it() {
        int before = rgrid.list(dev.rgrid.core.model.ExecutionQuery.recent()).size();
        var e = assertThrows(dev.rgrid.core.InvalidInputException.class,
                () -> rgrid.submit(python("print(1)").runtime("python3.12").build()));
        assertEquals("runtime_image_missing", e.code());
        assertTrue(e.hint().contains("python:3.12-slim"), e.hint());
        assertEquals(before, rgrid.list(dev.rgrid.core.model.ExecutionQuery.recent()).size());
    }

    @Test
    void runtimes_say_which_images_are_present() {
        List<RuntimeInfo> runtimes = rgrid.runtimes();
        RuntimeInfo python = runtimes.stream().filter(r -> r.name().equals("python3.11")).findFirst().orElseThrow();
        assertTrue(python.present() && python.isDefault(), python.toString());
        RuntimeInfo py312 = runtimes.stream().filter(r -> r.name().equals("python3.12")).findFirst().orElseThrow();
        assertTrue(!py312.present() && py312.hint() != null, py312.toString());
    }
}
