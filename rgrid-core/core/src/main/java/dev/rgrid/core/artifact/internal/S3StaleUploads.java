package dev.rgrid.core.artifact.internal;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.artifact.S3Settings;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes the temporary objects of uploads that a crash cut off; best effort. */
final class S3StaleUploads {
    private static final Logger LOG = LoggerFactory.getLogger(S3StaleUploads.class);

    private final MinioClient client;
    private final S3Settings settings;

    S3StaleUploads(MinioClient client, S3Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** Removes temporary objects last modified before {@code cutoff}; returns how many. */
    int removeOlderThan(Instant cutoff) {
        try {
            List<String> stale = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(settings.bucket())
                    .prefix(S3ArtifactStore.UPLOADS).recursive(true).build())) {
                Item item = result.get();
                if (item.lastModified() != null && item.lastModified().toInstant().isBefore(cutoff)) stale.add(item.objectName());
            }
            S3Deletes.removeAll(client, settings, stale);
            return stale.size();
        } catch (MinioException | IOException | GeneralSecurityException | RGridException e) {
            LOG.warn("Stale uploads in s3://{} could not be removed; they are tried again at the next start: {}",
                    settings.bucket(), e.toString());
            return 0;
        }
    }
}
