package dev.rgrid.core.artifact.internal;

import dev.rgrid.core.artifact.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The small properties file kept beside each local object (under {@code .meta/}, same relative path)
 * with its size, SHA-256 and content type, so stat and list never re-read the content.
 */
final class LocalSidecar {
    private static final String SIZE = "size";
    private static final String SHA256 = "sha256";
    private static final String CONTENT_TYPE = "content-type";

    private LocalSidecar() {}

    /** Writes {@code object}'s metadata to {@code file} and forces it to disk. */
    static void write(Path file, StoredObject object) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(SIZE, Long.toString(object.size()));
        properties.setProperty(SHA256, object.sha256());
        if (object.contentType() != null) properties.setProperty(CONTENT_TYPE, object.contentType());
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, null);
            out.flush();
        }
        LocalFiles.force(file);
    }

    /** The metadata of {@code key} when its sidecar exists and agrees with the content's size. */
    static Optional<StoredObject> read(Path file, String key, long actualSize) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
            long size = Long.parseLong(properties.getProperty(SIZE, "-1"));
            String sha256 = properties.getProperty(SHA256);
            if (size != actualSize || sha256 == null) return Optional.empty();
            return Optional.of(new StoredObject(key, size, sha256, properties.getProperty(CONTENT_TYPE)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
