package dev.rgrid.core.artifact.internal;

import dev.rgrid.core.StoreException;
import dev.rgrid.core.artifact.S3Settings;
import dev.rgrid.core.artifact.StoredObject;
import io.minio.ComposeObjectArgs;
import io.minio.ComposeSource;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.errors.MinioException;
import io.minio.Directive;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.UUID;

/**
 * One upload to S3. The content streams to a temporary key under {@link S3ArtifactStore#UPLOADS} in
 * parts of {@link S3Settings#partSizeBytes()} (the MinIO client holds one part in memory at a time, so
 * memory stays bounded by the part size whatever the object's size; unknown sizes are limited to
 * 10,000 parts), its SHA-256 computed on the way. Only when the content is whole and matches is it
 * copied server-side to its key with the SHA-256 and content type as metadata; the temporary object is
 * removed in every case. A cut-off or refused upload therefore never becomes visible under its key.
 */
final class S3Upload {
    private static final int MAX_PARTS = 10_000;
    private static final long MAX_SINGLE_COPY_BYTES = 5L * 1024 * 1024 * 1024;
    private static final long MIB = 1024 * 1024;

    private final MinioClient client;
    private final S3Settings settings;
    private final String key;
    private final String expectedSha256;
    private final String temp = S3ArtifactStore.UPLOADS + UUID.randomUUID();

    S3Upload(MinioClient client, S3Settings settings, String key, String expectedSha256) {
        this.client = client;
        this.settings = settings;
        this.key = key;
        this.expectedSha256 = expectedSha256;
    }

    StoredObject run(InputStream data, long size, String contentType) {
        HashingInputStream hashing = new HashingInputStream(data);
        try {
            upload(hashing, size, contentType);
            if (size >= 0 && readsMore(hashing)) throw Checksums.longerThan(key, size);
            String actual = hashing.sha256Hex();
            if (expectedSha256 != null && !expectedSha256.equals(actual)) {
                throw Checksums.mismatch(key, expectedSha256, actual);
            }
            publish(hashing.count(), actual, contentType);
            return new StoredObject(key, hashing.count(), actual, contentType);
        } finally {
            removeTemp();
        }
    }

    private void upload(HashingInputStream hashing, long size, String contentType) {
        try {
            client.putObject(PutObjectArgs.builder().bucket(settings.bucket()).object(temp)
                    .stream(hashing, size, partSize(size)).contentType(contentType).build());
        } catch (MinioException | IOException | GeneralSecurityException e) {
            if (hashing.failure() != null) {
                throw new StoreException("The upload of " + key + " was cut off before its end; nothing was stored",
                        key, "Upload the file again", hashing.failure());
            }
            if (size >= 0 && hashing.ended() && hashing.count() < size) throw Checksums.sizeMismatch(key, size, hashing.count());
            throw S3Errors.wrap("The artifact " + key + " cannot be uploaded", key, settings, e);
        }
    }

    private long partSize(long size) {
        long part = settings.partSizeBytes();
        if (size > part * MAX_PARTS) part = ceilDiv(ceilDiv(size, MAX_PARTS), MIB) * MIB;
        return part;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private boolean readsMore(HashingInputStream hashing) {
        try {
            return hashing.read() >= 0;
        } catch (IOException e) {
            return false; // all announced bytes arrived; a source that then fails adds nothing
        }
    }

    private void publish(long size, String sha256, String contentType) {
        Map<String, String> headers = Map.of("Content-Type", contentType);
        Map<String, String> metadata = Map.of(S3ArtifactStore.SHA256_METADATA, sha256);
        try {
            if (size <= MAX_SINGLE_COPY_BYTES) {
                client.copyObject(CopyObjectArgs.builder().bucket(settings.bucket()).object(key)
                        .source(CopySource.builder().bucket(settings.bucket()).object(temp).build())
                        .metadataDirective(Directive.REPLACE).headers(headers).userMetadata(metadata).build());
            } else {
                client.composeObject(ComposeObjectArgs.builder().bucket(settings.bucket()).object(key)
                        .sources(java.util.List.of(ComposeSource.builder().bucket(settings.bucket()).object(temp).build()))
                        .headers(headers).userMetadata(metadata).build());
            }
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw S3Errors.wrap("The artifact " + key + " cannot be stored", key, settings, e);
        }
    }

    private void removeTemp() {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(settings.bucket()).object(temp).build());
        } catch (MinioException | IOException | GeneralSecurityException e) {
            // an upload that never started has nothing to remove; others are removed when a store opens later
        }
    }
}
