package dev.rgrid.core.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.artifact.internal.LocalArtifactStore;
import dev.rgrid.core.testing.SettableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArtifactStoreTest extends ArtifactStoreContract {
    @TempDir
    Path root;

    private LocalArtifactStore store;

    @BeforeEach
    void open() {
        store = new LocalArtifactStore(root);
    }

    @Override
    protected ArtifactStore store() {
        return store;
    }

    @Test
    void objects_are_plain_files_under_the_root() throws IOException {
        put(base + "outputs/result.csv", "a,b\n1,2\n");

        assertEquals("a,b\n1,2\n", Files.readString(root.resolve(base + "outputs/result.csv")));
        assertEquals("directory " + root.toAbsolutePath(), store.description());
    }

    @Test
    void a_temp_file_left_by_a_crash_is_never_listed_and_is_cleaned_when_the_store_reopens_later() throws IOException {
        Path leftover = root.resolve(".tmp/upload-crashed.part");
        Files.writeString(leftover, "half an upload");
        SettableClock clock = SettableClock.atNow();
        Files.setLastModifiedTime(leftover, FileTime.from(clock.instant()));

        assertEquals(List.of(), store.list(""));
        new LocalArtifactStore(root, clock);
        assertTrue(Files.exists(leftover), "a fresh temp file may be an upload still running");

        clock.advance(LocalArtifactStore.STALE_UPLOAD_AGE.plus(Duration.ofMinutes(1)));
        new LocalArtifactStore(root, clock);
        assertFalse(Files.exists(leftover));
    }

    @Test
    void links_under_the_root_are_not_followed() throws IOException {
        Path outside = Files.createTempDirectory("outside");
        Files.writeString(outside.resolve("secret"), "not yours");
        Files.createDirectories(root.resolve(base));
        Files.createSymbolicLink(root.resolve(base + "link"), outside);
        Files.createSymbolicLink(root.resolve(base + "file-link"), outside.resolve("secret"));

        assertEquals(List.of(), store.list(base));
        assertEquals(Optional.empty(), store.stat(base + "file-link"));
        assertEquals(0, store.deletePrefix(base));
        assertTrue(Files.exists(outside.resolve("secret")));
    }

    @Test
    void an_object_whose_metadata_was_lost_is_still_described_by_its_content() throws IOException {
        put(base + "x", "content");
        Files.delete(root.resolve(".meta/" + base + "x"));

        assertEquals(sha("content"), store.stat(base + "x").orElseThrow().sha256());
    }
}
