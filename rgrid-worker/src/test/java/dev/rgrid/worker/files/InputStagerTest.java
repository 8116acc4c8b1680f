package dev.rgrid.worker.files;

import static dev.rgrid.worker.files.Fixtures.OWNER;
import static dev.rgrid.worker.files.Fixtures.storedInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.RGridException;
import dev.rgrid.core.artifact.ArtifactStore;
import dev.rgrid.core.artifact.ObjectKeys;
import dev.rgrid.core.artifact.internal.LocalArtifactStore;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.FileKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputStagerTest {
    @TempDir Path storeDir;
    @TempDir Path workDir;
    @TempDir Path outside;
    private ArtifactStore store;
    private InputStager stager;

    @BeforeEach
    void setUp() {
        store = new LocalArtifactStore(storeDir);
        stager = new InputStager(store);
    }

    @Test
    void inputs_land_in_nested_paths_keeping_their_layout_beside_an_empty_output_directory() throws IOException {
        List<ExecutionFile> inputs = List.of(storedInput(store, "data/x.csv", "a,b\n1,2\n"),
                storedInput(store, "top.txt", "top"), storedInput(store, "a/b/c/deep.txt", "deep"));

        List<Path> staged = stager.stage(workDir, OWNER, inputs);

        assertEquals(List.of(workDir.resolve("data/x.csv"), workDir.resolve("top.txt"), workDir.resolve("a/b/c/deep.txt")), staged);
        assertEquals("a,b\n1,2\n", Files.readString(workDir.resolve("data/x.csv")));
        assertEquals("deep", Files.readString(workDir.resolve("a/b/c/deep.txt")));
        assertTrue(Files.isDirectory(workDir.resolve("outputs"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(), leftovers(), "no temp files left behind");
    }

    @Test
    void a_stored_input_that_does_not_match_its_checksum_fails_clearly_and_leaves_no_partial_file() {
        byte[] damaged = "damaged".getBytes(StandardCharsets.UTF_8);
        String recorded = Fixtures.sha256("original".getBytes(StandardCharsets.UTF_8));
        store.put(ObjectKeys.input(OWNER, recorded), new ByteArrayInputStream(damaged), damaged.length, "text/plain", null);
        ExecutionFile input = new ExecutionFile(FileKind.INPUT, "data/x.csv", 8, recorded, "text/csv",
                ObjectKeys.input(OWNER, recorded), Instant.now());

        RGridException e = assertThrows(RGridException.class, () -> stager.stage(workDir, OWNER, List.of(input)));

        assertEquals("input_checksum_mismatch", e.code());
        assertTrue(e.what().contains("data/x.csv"), e.what());
        assertTrue(e.value().contains(recorded) && e.value().contains(Fixtures.sha256(damaged)), e.value());
        assertTrue(e.hint().contains("upload the file again"), e.hint());
        assertFalse(Files.exists(workDir.resolve("data/x.csv"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(), leftovers(), "no partial file anywhere");
    }

    @Test
    void unsafe_input_paths_are_refused_and_nothing_is_written_outside() throws IOException {
        for (String path : List.of("../escape.txt", "/tmp/abs.txt", "data/../../escape.txt", "a\\b.txt", "a//b.txt")) {
            ExecutionFile input = storedInput(store, path, "x");
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> stager.stage(workDir, OWNER, List.of(input)), path);
            assertEquals("unsafe_path", e.code());
        }
        assertFalse(Files.exists(workDir.resolveSibling("escape.txt")));
        try (Stream<Path> files = Files.list(workDir)) {
            assertEquals(List.of(workDir.resolve("outputs")), files.toList());
        }
    }

    @Test
    void a_linked_directory_on_the_way_is_refused_not_followed() throws IOException {
        Files.createSymbolicLink(workDir.resolve("data"), outside);
        ExecutionFile input = storedInput(store, "data/x.csv", "secret-free");

        RGridException e = assertThrows(RGridException.class, () -> stager.stage(workDir, OWNER, List.of(input)));

        assertEquals("input_path_blocked", e.code());
        try (Stream<Path> files = Files.list(outside)) {
            assertEquals(0, files.count(), "nothing written through the link");
        }
    }

    @Test
    void a_link_at_the_input_place_is_replaced_and_its_target_left_untouched() throws IOException {
        Path target = Files.writeString(outside.resolve("victim.txt"), "keep me");
        Files.createSymbolicLink(workDir.resolve("x.csv"), target);

        stager.stage(workDir, OWNER, List.of(storedInput(store, "x.csv", "staged")));

        assertFalse(Files.isSymbolicLink(workDir.resolve("x.csv")));
        assertEquals("staged", Files.readString(workDir.resolve("x.csv")));
        assertEquals("keep me", Files.readString(target));
    }

    @Test
    void an_input_missing_from_the_store_is_named() {
        String sha = Fixtures.sha256(new byte[] {42});
        ExecutionFile input = new ExecutionFile(FileKind.INPUT, "gone.bin", 1, sha, "application/octet-stream",
                ObjectKeys.input(OWNER, sha), Instant.now());
        RGridException e = assertThrows(RGridException.class, () -> stager.stage(workDir, OWNER, List.of(input)));
        assertEquals("input_missing", e.code());
        assertTrue(e.what().contains("gone.bin"), e.what());
    }

    private List<Path> leftovers() {
        try (Stream<Path> all = Files.walk(workDir)) {
            return all.filter(p -> p.getFileName().toString().startsWith(".rgrid-input-")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
