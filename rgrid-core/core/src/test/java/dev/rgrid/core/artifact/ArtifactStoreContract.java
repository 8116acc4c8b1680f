package dev.rgrid.core.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.RGridException;
import dev.rgrid.core.testing.HeapWatch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ArtifactStore} does; each implementation's test extends this. */
abstract class ArtifactStoreContract {
    static final long MB = 1024 * 1024;
    static final String ZEROS_SHA256 = "0".repeat(64);

    /** The store under test; the same one for every test of a class is fine, keys are unique per test. */
    protected abstract ArtifactStore store();

    String base;

    @BeforeEach
    void uniquePrefix() {
        base = "owners/" + UUID.randomUUID() + "/";
    }

    @Test
    void put_then_get_returns_the_same_bytes_with_their_sha256_and_size() throws IOException {
        byte[] bytes = "hello, artifacts\n".getBytes(StandardCharsets.UTF_8);
        String sha = GeneratedContent.sha256(new ByteArrayInputStream(bytes));

        StoredObject stored = store().put(base + "a.txt", new ByteArrayInputStream(bytes), bytes.length, "text/plain", sha);

        assertEquals(new StoredObject(base + "a.txt", bytes.length, sha, "text/plain"), stored);
        assertEquals(Optional.of(stored), store().stat(base + "a.txt"));
        try (InputStream in = store().get(base + "a.txt")) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
    }

    @Test
    void content_of_unknown_size_is_stored_whole() {
        long size = 3 * MB + 17;
        StoredObject stored = store().put(base + "unknown.bin", GeneratedContent.of(size, 7), -1, "application/octet-stream", null);

        assertEquals(size, stored.size());
        assertEquals(GeneratedContent.sha256(size, 7), stored.sha256());
        assertEquals(stored.sha256(), GeneratedContent.sha256(store().get(base + "unknown.bin")));
    }

    @Test
    void an_empty_object_is_an_object() {
        StoredObject stored = store().put(base + "empty", InputStream.nullInputStream(), 0, null, null);

        assertEquals(0, stored.size());
        assertEquals(GeneratedContent.sha256(0, 1), stored.sha256());
        assertEquals(List.of(base + "empty"), keys(store().list(base)));
    }

    @Test
    void a_200_mb_object_streams_in_and_out_without_growing_the_heap() {
        long size = 200 * MB;
        String expected = GeneratedContent.sha256(size, 42);
        HeapWatch heap = new HeapWatch(ManagementFactory.getMemoryMXBean());

        StoredObject stored = store().put(base + "big.bin",
                GeneratedContent.watched(size, 42, 50 * MB, at -> heap.sample()), size, null, expected);
        String read = GeneratedContent.sha256(new SamplingStream(store().get(base + "big.bin"), 50 * MB, heap::sample));

        assertEquals(expected, stored.sha256());
        assertEquals(expected, read);
        System.out.printf("[%s] 200 MB through: peak retained heap growth %.1f MB%n",
                getClass().getSimpleName(), heap.peakGrowthBytes() / (double) MB);
        assertTrue(heap.peakGrowthBytes() < 64 * MB, "heap grew by " + heap.peakGrowthBytes() + " bytes");
    }

    @Test
    void content_not_matching_its_expected_checksum_stores_nothing() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () ->
                store().put(base + "bad.bin", GeneratedContent.of(MB, 3), MB, null, ZEROS_SHA256));

        assertEquals("checksum_mismatch", e.code());
        assertTrue(e.value().contains(ZEROS_SHA256) && e.value().contains(GeneratedContent.sha256(MB, 3)), e.value());
        assertEquals(Optional.empty(), store().stat(base + "bad.bin"));
        assertEquals(List.of(), store().list(base));
    }

    @Test
    void content_shorter_than_announced_stores_nothing() {
        RGridException e = assertThrows(RGridException.class, () ->
                store().put(base + "short.bin", GeneratedContent.of(MB, 3), 2 * MB, null, null));

        assertEquals("size_mismatch", e.code());
        assertEquals(Optional.empty(), store().stat(base + "short.bin"));
        assertEquals(List.of(), store().list(base));
    }

    @Test
    void an_upload_cut_off_midway_leaves_no_object_and_is_never_listed_while_it_runs() {
        long size = 40 * MB;
        List<List<StoredObject>> seenMidway = new ArrayList<>();
        InputStream cutOff = GeneratedContent.of(size, 5, 30 * MB, 20 * MB, at -> seenMidway.add(store().list(base)));

        assertThrows(RGridException.class, () -> store().put(base + "cut.bin", cutOff, size, null, null));
        assertThrows(RGridException.class, () ->
                store().put(base + "cut-unknown.bin", GeneratedContent.failingAt(size, 5, 30 * MB), -1, null, null));

        assertEquals(List.of(List.of()), seenMidway);
        assertEquals(Optional.empty(), store().stat(base + "cut.bin"));
        assertEquals(Optional.empty(), store().stat(base + "cut-unknown.bin"));
        assertEquals(List.of(), store().list(base));
    }

    @Test
    void list_returns_the_objects_under_a_prefix_in_key_order() {
        for (String name : List.of("run/outputs/b.txt", "run/outputs/a.txt", "run/outputs/sub/c.txt", "run2/x", "other")) {
            put(base + name, name);
        }

        assertEquals(List.of(base + "run/outputs/a.txt", base + "run/outputs/b.txt", base + "run/outputs/sub/c.txt"),
                keys(store().list(base + "run/outputs/")));
        assertEquals(List.of(base + "run/outputs/a.txt", base + "run/outputs/b.txt", base + "run/outputs/sub/c.txt",
                base + "run2/x"), keys(store().list(base + "run")));
        assertEquals(5, store().list(base).size());
        assertEquals(List.of(), store().list(base + "nothing/"));
        StoredObject a = store().list(base + "run/outputs/a").get(0);
        assertEquals(new StoredObject(base + "run/outputs/a.txt", 17, sha("run/outputs/a.txt"), "text/plain"), a);
    }

    @Test
    void putting_a_key_again_replaces_its_content() throws IOException {
        put(base + "k", "first");
        put(base + "k", "second, longer");

        try (InputStream in = store().get(base + "k")) {
            assertEquals("second, longer", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(sha("second, longer"), store().stat(base + "k").orElseThrow().sha256());
        assertEquals(1, store().list(base).size());
    }

    @Test
    void delete_prefix_removes_everything_under_it_and_nothing_else() {
        put(base + "executions/e1/outputs/a", "a");
        put(base + "executions/e1/outputs/deep/b", "b");
        put(base + "executions/e2/outputs/a", "a");

        assertEquals(2, store().deletePrefix(base + "executions/e1/"));

        assertEquals(List.of(base + "executions/e2/outputs/a"), keys(store().list(base)));
        assertEquals(0, store().deletePrefix(base + "executions/e1/"));
    }

    @Test
    void delete_removes_one_object_and_ignores_a_missing_one() {
        put(base + "one", "1");
        put(base + "two", "2");

        store().delete(base + "one");
        store().delete(base + "never-there");

        assertEquals(List.of(base + "two"), keys(store().list(base)));
    }

    @Test
    void a_missing_key_has_no_stat_and_cannot_be_read() {
        assertEquals(Optional.empty(), store().stat(base + "missing"));
        NotFoundException e = assertThrows(NotFoundException.class, () -> store().get(base + "missing"));
        assertEquals(base + "missing", e.value());
    }

    @Test
    void keys_that_climb_out_or_are_not_relative_are_refused() {
        for (String bad : List.of("../escape", base + "../../x", "/abs", base + "a//b", base + "./a", "", ".tmp/x", ".uploads/x")) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> store().put(bad, InputStream.nullInputStream(), 0, null, null), bad);
            assertEquals("invalid_key", e.code());
        }
        assertThrows(InvalidInputException.class, () -> store().list("../"));
        assertThrows(InvalidInputException.class, () -> store().deletePrefix(base + "../"));
    }

    @Test
    void the_store_answers_and_describes_itself() {
        assertTrue(store().isReachable());
        assertFalse(store().description().isBlank());
    }

    void put(String key, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        store().put(key, new ByteArrayInputStream(bytes), bytes.length, "text/plain", null);
    }

    static String sha(String text) {
        return GeneratedContent.sha256(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> keys(List<StoredObject> objects) {
        return objects.stream().map(StoredObject::key).toList();
    }
}
