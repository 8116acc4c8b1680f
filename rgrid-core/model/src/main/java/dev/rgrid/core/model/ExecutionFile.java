package dev.rgrid.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A file of an execution, as recorded.
 *
 * @param path      relative to the run's working directory, as the script sees it: {@code data/x.csv},
 *                  {@code outputs/model.pkl}
 * @param sha256    lower-case hex of the content's SHA-256
 * @param objectKey where the content is in the artifact store
 */
public record ExecutionFile(FileKind kind, String path, long size, String sha256, String contentType,
                            String objectKey, Instant createdAt) {
    public ExecutionFile {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(objectKey, "objectKey");
        Objects.requireNonNull(createdAt, "createdAt");
        if (size < 0) throw new IllegalArgumentException("size must not be negative: " + size);
    }
}
