package dev.rgrid.core.artifact.internal;

import dev.rgrid.core.artifact.S3Settings;
import io.minio.MinioClient;
import io.minio.http.HttpUtils;
import java.time.Duration;

/** Builds MinIO clients from {@link S3Settings}. */
final class S3Clients {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(5);
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private S3Clients() {}

    /** For transfers: a slow part may take minutes, a connection should not. */
    static MinioClient forTransfers(S3Settings settings) {
        return build(settings, CONNECT_TIMEOUT, TRANSFER_TIMEOUT);
    }

    /** For health checks: answers within {@link #PROBE_TIMEOUT} or counts as down. */
    static MinioClient forProbes(S3Settings settings) {
        return build(settings, PROBE_TIMEOUT, PROBE_TIMEOUT);
    }

    private static MinioClient build(S3Settings settings, Duration connect, Duration transfer) {
        return MinioClient.builder()
                .endpoint(settings.endpoint().toString())
                .region(settings.region())
                .credentials(settings.accessKey(), settings.secretKey())
                .httpClient(HttpUtils.newDefaultHttpClient(connect.toMillis(), transfer.toMillis(), transfer.toMillis()), true)
                .build();
    }
}
