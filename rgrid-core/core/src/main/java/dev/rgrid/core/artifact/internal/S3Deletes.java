package dev.rgrid.core.artifact.internal;

import dev.rgrid.core.artifact.S3Settings;
import io.minio.MinioClient;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.errors.MinioException;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;

/** Removes many objects with multi-object deletes of at most {@link #BATCH} keys each. */
final class S3Deletes {
    static final int BATCH = 1000;

    private S3Deletes() {}

    static void removeAll(MinioClient client, S3Settings settings, List<String> keys) {
        for (int from = 0; from < keys.size(); from += BATCH) {
            List<DeleteObject> batch = keys.subList(from, Math.min(keys.size(), from + BATCH)).stream()
                    .map(DeleteObject::new).toList();
            try {
                // the results are lazy: the request is sent while they are read
                for (Result<DeleteError> result : client.removeObjects(
                        RemoveObjectsArgs.builder().bucket(settings.bucket()).objects(batch).build())) {
                    DeleteError error = result.get();
                    throw S3Errors.wrap("The artifact " + error.objectName() + " cannot be deleted", error.objectName(),
                            settings, new IOException(error.code() + ": " + error.message()));
                }
            } catch (MinioException | IOException | GeneralSecurityException e) {
                throw S3Errors.wrap("Artifacts cannot be deleted", batch.get(0).toString(), settings, e);
            }
        }
    }
}
