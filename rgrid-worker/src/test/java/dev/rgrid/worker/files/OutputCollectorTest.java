package dev.rgrid.worker.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.artifact.FileLimits;
import dev.rgrid.core.artifact.ObjectKeys;
import dev.rgrid.core.artifact.StoredObject;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.FileKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputCollectorTest extends CollectorScenario {

    @Test
    void nested_outputs_are_uploaded_and_recorded_with_size_checksum_and_content_type() throws IOException {
        Files.createDirectories(outputs().resolve("plots/2024"));
        Files.writeString(outputs().resolve("result.csv"), "a,b\n1,2\n");
        Files.write(outputs().resolve("plots/2024/fig.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.writeString(outputs().resolve("model.weights"), "w");

        List<ExecutionFile> collected = collect(FileLimits.DEFAULTS);

        assertEquals(List.of("outputs/model.weights", "outputs/plots/2024/fig.png", "outputs/result.csv"),
                collected.stream().map(ExecutionFile::path).toList());
        ExecutionFile csv = collected.get(2);
        byte[] csvBytes = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(csvBytes.length, csv.size());
        assertEquals(Fixtures.sha256(csvBytes), csv.sha256());
        assertEquals("text/csv", csv.contentType());
        assertEquals(ObjectKeys.output(Fixtures.OWNER, executionId, "result.csv"), csv.objectKey());
        assertEquals("a,b\n1,2\n", Fixtures.read(store, csv.objectKey()));
        assertEquals("image/png", collected.get(1).contentType());
        assertEquals("application/octet-stream", collected.get(0).contentType());
        assertEquals(clock.instant(), csv.createdAt());
        assertEquals(collected, database.executionFiles().list(executionId, FileKind.OUTPUT), "rows recorded");
        assertEquals(List.of(), warnings());
    }

    @Test
    void a_link_pointing_outside_is_skipped_with_a_warning_and_never_followed() throws IOException {
        Files.createSymbolicLink(outputs().resolve("passwd.txt"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(outputs().resolve("etc"), Path.of("/etc"));
        Files.writeString(outputs().resolve("ok.txt"), "ok");

        List<ExecutionFile> collected = collect(FileLimits.DEFAULTS);

        assertEquals(List.of("outputs/ok.txt"), collected.stream().map(ExecutionFile::path).toList());
        assertTrue(warnings().contains("Output skipped: outputs/passwd.txt is a symbolic link; outputs are regular files only"),
                warnings().toString());
        assertTrue(warnings().contains("Output skipped: outputs/etc is a symbolic link; outputs are regular files only"),
                warnings().toString());
        String passwd = Files.readString(Path.of("/etc/passwd"));
        for (StoredObject object : store.list(ObjectKeys.execution(Fixtures.OWNER, executionId))) {
            String content = Fixtures.read(store, object.key());
            assertFalse(content.equals(passwd) || content.contains("root:"), object.key());
        }
        assertEquals(1, store.list(ObjectKeys.execution(Fixtures.OWNER, executionId)).size());
    }

    @Test
    void a_link_to_a_file_inside_is_skipped_too_regular_files_only() throws IOException {
        Files.writeString(outputs().resolve("real.txt"), "real");
        Files.createSymbolicLink(outputs().resolve("alias.txt"), outputs().resolve("real.txt"));

        List<ExecutionFile> collected = collect(FileLimits.DEFAULTS);

        assertEquals(List.of("outputs/real.txt"), collected.stream().map(ExecutionFile::path).toList());
        assertEquals(List.of("Output skipped: outputs/alias.txt is a symbolic link; outputs are regular files only"),
                warnings());
    }

    @Test
    void a_fifo_is_skipped_without_hanging() throws Exception {
        Fixtures.mkfifo(outputs().resolve("pipe"));
        Files.writeString(outputs().resolve("after.txt"), "after");

        List<ExecutionFile> collected = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> collect(FileLimits.DEFAULTS));

        assertEquals(List.of("outputs/after.txt"), collected.stream().map(ExecutionFile::path).toList());
        assertEquals(List.of("Output skipped: outputs/pipe is a named pipe (FIFO); outputs are regular files only"),
                warnings());
    }

    @Test
    void a_file_over_the_per_file_limit_is_skipped_naming_the_limit_and_the_setting() throws IOException {
        Files.write(outputs().resolve("big.bin"), new byte[2048]);
        Files.write(outputs().resolve("small.bin"), new byte[1024]);

        List<ExecutionFile> collected = collect(new FileLimits(1024, 1 << 20, 10));

        assertEquals(List.of("outputs/small.bin"), collected.stream().map(ExecutionFile::path).toList());
        assertEquals(List.of("Output skipped: outputs/big.bin is 2.0 KB, over the limit of 1.0 KB per file; raise "
                + "RGRID_MAX_FILE_BYTES (max_file_bytes in the config file) to collect it"), warnings());
    }

    @Test
    void files_past_the_run_total_are_skipped_with_a_warning() throws IOException {
        for (String name : List.of("a.bin", "b.bin", "c.bin")) Files.write(outputs().resolve(name), new byte[600]);

        List<ExecutionFile> collected = collect(new FileLimits(1024, 1500, 10));

        assertEquals(List.of("outputs/a.bin", "outputs/b.bin"), collected.stream().map(ExecutionFile::path).toList());
        assertEquals(1, warnings().size());
        assertTrue(warnings().get(0).startsWith("Output skipped: outputs/c.bin (600 bytes) would take the run's outputs past the limit of 1.5 KB"),
                warnings().get(0));
        assertTrue(warnings().get(0).endsWith("raise RGRID_MAX_RUN_BYTES (max_run_bytes in the config file) to collect it"),
                warnings().get(0));
    }

    @Test
    void files_beyond_the_count_limit_are_skipped_with_one_warning() throws IOException {
        for (int i = 0; i < 5; i++) Files.writeString(outputs().resolve("f" + i + ".txt"), "x" + i);

        List<ExecutionFile> collected = collect(new FileLimits(1024, 1 << 20, 3));

        assertEquals(List.of("outputs/f0.txt", "outputs/f1.txt", "outputs/f2.txt"),
                collected.stream().map(ExecutionFile::path).toList());
        assertEquals(List.of("Outputs skipped: 2 files beyond the limit of 3 outputs per run; raise "
                + "RGRID_MAX_OUTPUTS (max_outputs in the config file) to collect them"), warnings());
        assertEquals(3, database.executionFiles().list(executionId, FileKind.OUTPUT).size());
    }

    @Test
    void a_run_that_wrote_no_outputs_or_removed_the_directory_collects_nothing() throws IOException {
        assertEquals(List.of(), collect(FileLimits.DEFAULTS));
        Files.delete(outputs());
        assertEquals(List.of(), collect(FileLimits.DEFAULTS));
        Files.createSymbolicLink(outputs(), Path.of("/etc"));
        assertEquals(List.of(), collect(FileLimits.DEFAULTS));
        assertEquals(List.of("Output skipped: outputs is a symbolic link; outputs must be a directory of regular files"),
                warnings());
    }
}
