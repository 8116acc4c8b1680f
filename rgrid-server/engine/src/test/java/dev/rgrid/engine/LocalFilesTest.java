package dev.rgrid.engine;

import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.TransferListener;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.artifact.ArtifactStores;
import dev.rgrid.core.artifact.ObjectKeys;
import dev.rgrid.core.artifact.Sha256;
import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.LogStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files in and out through the embedded engine, in real containers, with the local artifact store. */
class LocalFilesTest {
    @TempDir
    static Path home;
    @TempDir
    Path dir;
    private static RGrid rgrid;

    @BeforeAll
    static void open() {
        rgrid = TestEngines.open(home, Map.of("RGRID_MAX_FILE_BYTES", "1m"));
    }

    @AfterAll
    static void close() {
        if (rgrid != null) rgrid.close();
    }

    private static ExecutionSpec.Builder python(String code) {
        return ExecutionSpec.builder("job.py", code.getBytes(StandardCharsets.UTF_8));
    }

    private Execution run(ExecutionSpec spec) {
        Execution done = rgrid.await(rgrid.submit(spec).id(), Duration.ofSeconds(60));
        assertTrue(done.isFinal(), done.status().label());
        return done;
    }

    private List<String> stdout(String id) {
        return rgrid.logs(id, new LogQuery(0, Set.of(LogStream.STDOUT), 100)).stream().map(l -> l.text()).toList();
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void an_input_file_is_where_the_script_expects_it_with_its_layout_kept() throws IOException {
        Path csv = Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n");
        Execution done = run(python("print(open('data/x.csv').read().strip().splitlines()[-1])").input("data/x.csv", csv).build());
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.reason());
        assertEquals(List.of("1,2"), stdout(done.id()));
    }

    @Test
    void what_the_script_writes_under_its_output_directory_comes_back() throws IOException {
        Execution done = run(python("import os\nd = os.environ['RGRID_OUTPUT_DIR']\nos.makedirs(d + '/sub')\n"
                + "open(d + '/result.txt', 'w').write('42')\nopen('outputs/sub/b.txt', 'w').write('bee')").build());
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.reason());
        List<ExecutionFile> outputs = rgrid.outputs(done.id());
        assertEquals(List.of("outputs/result.txt", "outputs/sub/b.txt"), outputs.stream().map(ExecutionFile::path).toList());
        assertEquals(2, outputs.get(0).size());
        assertEquals("42", read(rgrid.openOutput(done.id(), "outputs/result.txt")));
        assertEquals("bee", read(rgrid.openOutput(done.id(), "outputs/sub/b.txt")));
        assertThrows(NotFoundException.class, () -> rgrid.openOutput(done.id(), "outputs/nope.txt"));
    }

    @Test
    void outputs_are_kept_when_the_script_fails_or_times_out() throws IOException {
        Execution failed = run(python("open('outputs/partial.txt', 'w').write('half')\nraise SystemExit(1)").build());
        assertEquals(ExecutionStatus.FAILED, failed.status());
        assertEquals("half", read(rgrid.openOutput(failed.id(), "outputs/partial.txt")));
        Execution slow = run(python("import time\nopen('outputs/before.txt', 'w').write('x')\ntime.sleep(60)")
                .limits(Limits.DEFAULTS.withTimeout(Duration.ofSeconds(2))).build());
        assertEquals(ExecutionStatus.TIMED_OUT, slow.status());
        assertEquals(List.of("outputs/before.txt"), rgrid.outputs(slow.id()).stream().map(ExecutionFile::path).toList());
    }

    @Test
    void an_input_already_in_the_store_is_not_sent_again() throws IOException {
        Path data = Files.writeString(dir.resolve("same.txt"), "same content " + System.nanoTime());
        List<String> events = new ArrayList<>();
        TransferListener listener = new TransferListener() {
            @Override public void started(String name, long total) { events.add("started " + name); }
            @Override public void skipped(String name, long total) { events.add("skipped " + name); }
        };
        rgrid.submit(python("print(1)").input("a.txt", data).build(), listener);
        rgrid.submit(python("print(open('b.txt').read())").input("b.txt", data).build(), listener);
        assertEquals(List.of("started a.txt", "skipped b.txt"), events);
    }

    @Test
    void an_input_over_the_file_limit_is_refused_before_anything_is_recorded() throws IOException {
        Path big = dir.resolve("big.bin");
        Files.write(big, new byte[2 * 1024 * 1024]);
        int before = rgrid.list(ExecutionQuery.recent()).size();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> rgrid.submit(python("print(1)").input("big.bin", big).build()));
        assertEquals("input_too_large", e.code());
        assertTrue(e.hint().contains("RGRID_MAX_FILE_BYTES"), e.hint());
        assertEquals(before, rgrid.list(ExecutionQuery.recent()).size());
    }

    @Test
    void deleting_an_execution_leaves_none_of_its_objects_in_the_store() throws IOException {
        Path data = Files.writeString(dir.resolve("d.txt"), "delete me " + System.nanoTime());
        Execution done = run(python("import os\nopen(os.environ['RGRID_OUTPUT_DIR'] + '/o.txt', 'w').write('o')")
                .input("d.txt", data).build());
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.reason());
        Path artifacts = home.resolve(ArtifactStores.LOCAL_DIRECTORY);
        Path outputs = artifacts.resolve(ObjectKeys.execution(Execution.LOCAL_OWNER, done.id()));
        Path input = artifacts.resolve(ObjectKeys.input(Execution.LOCAL_OWNER, Sha256.ofFile(data)));
        assertTrue(Files.exists(outputs) && Files.exists(input), "the objects were there: " + outputs + ", " + input);

        rgrid.delete(done.id());

        assertTrue(Files.notExists(outputs), outputs + " went");
        assertTrue(Files.notExists(input), input + " went");
    }
}
