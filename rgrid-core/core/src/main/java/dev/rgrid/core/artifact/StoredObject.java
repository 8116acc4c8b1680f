package dev.rgrid.core.artifact;

/**
 * An object in the {@link ArtifactStore}.
 *
 * @param sha256 lower-case hex of the content's SHA-256
 */
public record StoredObject(String key, long size, String sha256, String contentType) {}
