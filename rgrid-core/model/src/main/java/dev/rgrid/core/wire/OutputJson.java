package dev.rgrid.core.wire;

import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.FileKind;
import java.time.Instant;
import java.util.List;

/** One output of an execution, as {@code GET /api/v1/executions/{id}/outputs} lists it. */
public record OutputJson(String path, long size, String sha256, String contentType, Instant createdAt) {

    public static OutputJson of(ExecutionFile file) {
        return new OutputJson(file.path(), file.size(), file.sha256(), file.contentType(), file.createdAt());
    }

    /** The record as the client sees it; the object key is the server's business, so the path stands in. */
    public ExecutionFile toFile() {
        return new ExecutionFile(FileKind.OUTPUT, path, size, sha256,
                contentType == null ? "application/octet-stream" : contentType, path,
                createdAt == null ? Instant.EPOCH : createdAt);
    }

    /** The body of the list: {@code {"outputs": [...]}}. */
    public record Listing(List<OutputJson> outputs) {
        public Listing {
            outputs = outputs == null ? List.of() : List.copyOf(outputs);
        }
    }
}
