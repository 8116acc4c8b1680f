package dev.rgrid.worker.files;

import dev.rgrid.core.artifact.ArtifactStore;
import dev.rgrid.core.artifact.ObjectKeys;
import dev.rgrid.core.artifact.StoredObject;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.FileKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** Small helpers the file tests share: hashes, stored inputs, real FIFOs. */
final class Fixtures {
    static final String OWNER = "alice";

    private Fixtures() {}

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores {@code content} as the owner's input and returns the record an execution would hold for it at {@code path}. */
    static ExecutionFile storedInput(ArtifactStore store, String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        StoredObject stored = store.put(ObjectKeys.input(OWNER, sha256(bytes)), new ByteArrayInputStream(bytes),
                bytes.length, "text/plain", sha256(bytes));
        return new ExecutionFile(FileKind.INPUT, path, stored.size(), stored.sha256(), stored.contentType(), stored.key(),
                Instant.now());
    }

    static String read(ArtifactStore store, String key) {
        try (InputStream in = store.get(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("mkfifo failed for " + path);
        if (!Files.exists(path)) throw new IOException("no FIFO at " + path);
    }
}
