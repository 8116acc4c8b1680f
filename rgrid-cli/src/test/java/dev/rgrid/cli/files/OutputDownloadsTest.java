package dev.rgrid.cli.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.RGridException;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.FileKind;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.TransferListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine says about outputs is not trusted: paths leading out of the directory, links in the way and
 * content that does not match its record are refused. Served here by a stand-in engine that only has content.
 */
class OutputDownloadsTest {
    @TempDir Path dir;

    private static RGrid serving(Map<String, String> content) {
        return (RGrid) Proxy.newProxyInstance(RGrid.class.getClassLoader(), new Class<?>[] {RGrid.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("openOutput")) throw new UnsupportedOperationException(method.getName());
                    return new ByteArrayInputStream(content.get((String) args[1]).getBytes(StandardCharsets.UTF_8));
                });
    }

    private static ExecutionFile file(String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new ExecutionFile(FileKind.OUTPUT, path, bytes.length, sha256(bytes), "text/plain", "k/" + path, Instant.EPOCH);
    }

    private OutputDownloads downloads(Map<String, String> content) {
        return new OutputDownloads(serving(content), "exec_1", dir.resolve("out"), TransferListener.NONE);
    }

    @Test
    void paths_leading_out_of_the_directory_are_refused_before_anything_is_written() {
        List<ExecutionFile> files = List.of(file("outputs/ok.txt", "ok"), file("outputs/../../evil.txt", "evil"));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> downloads(Map.of("outputs/ok.txt", "ok", "outputs/../../evil.txt", "evil")).download(files));

        assertEquals("unsafe_path", e.code());
        assertFalse(Files.exists(dir.resolve("out")));
        assertFalse(Files.exists(dir.resolve("evil.txt")));
    }

    @Test
    void an_absolute_path_is_refused() {
        assertThrows(InvalidInputException.class, () -> downloads(Map.of()).placeOf(file("/etc/passwd", "x")));
    }

    @Test
    void a_link_in_the_way_is_not_followed_out_of_the_directory() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(dir.resolve("out/sub"), outside);

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> downloads(Map.of("outputs/sub/b.txt", "b")).download(List.of(file("outputs/sub/b.txt", "b"))));

        assertEquals("unsafe_path", e.code());
        try (Stream<Path> left = Files.list(outside)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void content_not_matching_its_record_is_refused_and_not_left_behind() throws IOException {
        ExecutionFile recorded = file("outputs/r.csv", "the real thing");

        RGridException e = assertThrows(RGridException.class,
                () -> downloads(Map.of("outputs/r.csv", "tampered with!")).download(List.of(recorded)));

        assertEquals("output_corrupt", e.code());
        try (Stream<Path> left = Files.list(dir.resolve("out"))) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void existing_files_are_kept_and_outputs_numbered_next_to_them() throws IOException {
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/r.csv"), "first");
        Files.writeString(dir.resolve("out/r (1).csv"), "second");

        List<OutputDownloads.Saved> saved = downloads(Map.of("outputs/r.csv", "third"))
                .download(List.of(file("outputs/r.csv", "third")));

        assertEquals(dir.resolve("out/r (2).csv"), saved.get(0).target());
        assertTrue(saved.get(0).renamed());
        assertEquals("first", Files.readString(dir.resolve("out/r.csv")));
        assertEquals("second", Files.readString(dir.resolve("out/r (1).csv")));
        assertEquals("third", Files.readString(dir.resolve("out/r (2).csv")));
        assertEquals(Path.of("notes (3)"), OutputDownloads.numbered(Path.of("notes"), 3));
        assertEquals(Path.of(".env (1)"), OutputDownloads.numbered(Path.of(".env"), 1));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
