package dev.rgrid.core.artifact.internal;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.StoreException;
import dev.rgrid.core.artifact.ArtifactStore;
import dev.rgrid.core.artifact.S3Settings;
import dev.rgrid.core.artifact.StoredObject;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.MinioException;
import io.minio.http.Method;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Objects in an S3 bucket through the MinIO client, for servers. The bucket is created when missing
 * and never given a policy: nothing is readable without signing, except through
 * {@link #presignedGet presigned URLs}. Uploads are described at {@link S3Upload}; each object carries its
 * SHA-256 as user metadata ({@code x-amz-meta-sha256}). Uploads in progress live under
 * {@value #UPLOADS}, which {@link #list} never shows; ones left by a crash are removed when the store
 * opens once they are older than {@link LocalArtifactStore#STALE_UPLOAD_AGE}.
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {
    static final String UPLOADS = ".uploads/";
    static final String SHA256_METADATA = "sha256";
    /** S3 presigned URLs last at most a week. */
    public static final Duration MAX_PRESIGNED_EXPIRY = Duration.ofDays(7);

    private final S3Settings settings;
    private final MinioClient client;
    private final MinioClient probe;

    /** Connects, creates the bucket when missing and removes stale uploads; a {@link StoreException} says what is wrong. */
    public S3ArtifactStore(S3Settings settings) {
        this(settings, Clock.systemUTC());
    }

    public S3ArtifactStore(S3Settings settings, Clock clock) {
        this.settings = settings;
        this.client = S3Clients.forTransfers(settings);
        this.probe = S3Clients.forProbes(settings);
        ensureBucket();
        new S3StaleUploads(client, settings).removeOlderThan(clock.instant().minus(LocalArtifactStore.STALE_UPLOAD_AGE));
    }

    private void ensureBucket() {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(settings.bucket()).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(settings.bucket()).region(settings.region()).build());
            }
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw S3Errors.wrap("The artifact bucket cannot be opened or created", description(), settings, e);
        }
    }

    @Override
    public StoredObject put(String key, InputStream data, long size, String contentType, String expectedSha256) {
        return new S3Upload(client, settings, Keys.checkKey(key), Keys.checkSha256(expectedSha256))
                .run(data, size, Keys.contentType(contentType));
    }

    @Override
    public InputStream get(String key) {
        Keys.checkKey(key);
        try {
            return client.getObject(GetObjectArgs.builder().bucket(settings.bucket()).object(key).build());
        } catch (MinioException | IOException | GeneralSecurityException e) {
            if (S3Errors.isNotFound(e)) throw new NotFoundException("artifact", key);
            throw S3Errors.wrap("The artifact " + key + " cannot be read", key, settings, e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        Keys.checkKey(key);
        return statUnchecked(key);
    }

    private Optional<StoredObject> statUnchecked(String key) {
        try {
            StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(settings.bucket()).object(key).build());
            String sha256 = stat.userMetadata().get(SHA256_METADATA);
            return Optional.of(new StoredObject(key, stat.size(), sha256, stat.contentType()));
        } catch (MinioException | IOException | GeneralSecurityException e) {
            if (S3Errors.isNotFound(e)) return Optional.empty();
            throw S3Errors.wrap("The artifact " + key + " cannot be examined", key, settings, e);
        }
    }

    /** One listing, then one stat per object (S3 lists no user metadata): mind it for very large prefixes. */
    @Override
    public List<StoredObject> list(String prefix) {
        Keys.checkPrefix(prefix);
        return keys(prefix).stream().flatMap(key -> statUnchecked(key).stream()).toList();
    }

    private List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        try {
            for (Result<Item> result : client.listObjects(
                    ListObjectsArgs.builder().bucket(settings.bucket()).prefix(prefix).recursive(true).build())) {
                String key = result.get().objectName();
                if (!key.startsWith(UPLOADS) && !key.endsWith("/")) keys.add(key);
            }
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw S3Errors.wrap("The artifacts under " + prefix + " cannot be listed", prefix, settings, e);
        }
        keys.sort(String::compareTo);
        return keys;
    }

    @Override
    public void delete(String key) {
        Keys.checkKey(key);
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(settings.bucket()).object(key).build());
        } catch (MinioException | IOException | GeneralSecurityException e) {
            if (S3Errors.isNotFound(e)) return;
            throw S3Errors.wrap("The artifact " + key + " cannot be deleted", key, settings, e);
        }
    }

    @Override
    public int deletePrefix(String prefix) {
        Keys.checkPrefix(prefix);
        List<String> keys = keys(prefix);
        S3Deletes.removeAll(client, settings, keys);
        return keys.size();
    }

    @Override
    public Optional<URI> presignedGet(String key, Duration expiry) {
        Keys.checkKey(key);
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_PRESIGNED_EXPIRY) > 0) {
            throw new InvalidInputException("invalid_expiry", "A presigned URL must expire within a second to seven days",
                    expiry.toString(), "Ask for an expiry like PT15M");
        }
        try {
            return Optional.of(URI.create(client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET).bucket(settings.bucket()).object(key)
                    .expiry((int) Math.max(1, expiry.toSeconds())).build())));
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw S3Errors.wrap("A download link for " + key + " cannot be made", key, settings, e);
        }
    }

    /** Whether the bucket answers within {@link S3Clients#PROBE_TIMEOUT}. */
    @Override
    public boolean isReachable() {
        try {
            return probe.bucketExists(BucketExistsArgs.builder().bucket(settings.bucket()).build());
        } catch (MinioException | IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String description() {
        return "s3://" + settings.bucket() + " at " + settings.endpoint();
    }

    @Override
    public void close() {
        try {
            client.close();
            probe.close();
        } catch (Exception e) {
            throw new StoreException("The S3 client cannot be closed", description(), null, e);
        }
    }
}
