package dev.rgrid.bench;

import io.minio.MinioClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/** A real S3 server in the bench's JVM (s3proxy over a directory) on a free loopback port, signed access only. */
final class BenchS3 implements AutoCloseable {
    static final String ACCESS_KEY = "rgrid-bench-access";
    static final String SECRET_KEY = "rgrid-bench-secret-0123456789";

    private final S3Proxy proxy;
    private final URI endpoint;

    private BenchS3(S3Proxy proxy) {
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    static BenchS3 start(Path directory) throws Exception {
        // Jetty has normally started when start() returns; the state is polled in case it has not yet
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(directory.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!proxy.getState().equals("STARTED")) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            Thread.sleep(10);
        }
        return new BenchS3(proxy);
    }

    /** The settings that point the server at this store. */
    Map<String, String> environment(String bucket) {
        return Map.of("RGRID_S3_ENDPOINT", endpoint.toString(), "RGRID_S3_ACCESS_KEY", ACCESS_KEY,
                "RGRID_S3_SECRET_KEY", SECRET_KEY, "RGRID_S3_BUCKET", bucket);
    }

    /** A MinIO client straight to this store, the baseline the server's transfers are measured against. */
    MinioClient client() {
        return MinioClient.builder().endpoint(endpoint.toString()).credentials(ACCESS_KEY, SECRET_KEY).build();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
