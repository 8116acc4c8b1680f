package dev.rgrid.core.artifact;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where input files and outputs live: S3 (through the MinIO client) for servers, a local directory for
 * the embedded default. Objects are laid out per owner and execution ({@link ObjectKeys}). Every write
 * streams (memory stays flat whatever the size), computes the SHA-256 on the way, and becomes visible
 * only when complete: an upload cut off midway leaves no object behind.
 */
public interface ArtifactStore {

    /**
     * Streams {@code data} to {@code key}. {@code size} is the length when known, or -1. When
     * {@code expectedSha256} is given and the content does not match it, nothing is stored and an
     * {@link dev.rgrid.core.InvalidInputException} with code {@code checksum_mismatch} is thrown.
     */
    StoredObject put(String key, InputStream data, long size, String contentType, String expectedSha256);

    /** The object's content, streamed; {@link dev.rgrid.core.NotFoundException} when there is none. */
    InputStream get(String key);

    Optional<StoredObject> stat(String key);

    /** Objects whose key starts with {@code prefix}, in key order. */
    List<StoredObject> list(String prefix);

    /** Deletes the object if it exists. */
    void delete(String key);

    /** Deletes every object under {@code prefix}; returns how many. */
    int deletePrefix(String prefix);

    /** A URL that lets anyone holding it read the object until it expires; empty when the store has none (local). */
    Optional<URI> presignedGet(String key, Duration expiry);

    /** Whether the store answers now, for health checks. */
    boolean isReachable();

    /** Where objects are, for messages: "s3://bucket at https://minio:9000" or "directory /home/a/.rgrid/artifacts". */
    String description();
}
