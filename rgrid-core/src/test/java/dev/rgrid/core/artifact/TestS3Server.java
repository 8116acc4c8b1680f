package dev.rgrid.core.artifact;

import static org.awaitility.Awaitility.await;

import dev.rgrid.core.artifact.internal.S3ArtifactStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/** A real S3 server in this JVM (s3proxy over a directory) on a free loopback port, with signed access only. */
final class TestS3Server implements AutoCloseable {
    static final String ACCESS_KEY = "rgrid-test-access";
    static final String SECRET_KEY = "rgrid-test-secret-0123456789";

    private final S3Proxy proxy;
    private final URI endpoint;

    private TestS3Server(S3Proxy proxy) {
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    static TestS3Server start(Path directory) throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(directory.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> proxy.getState().equals("STARTED"));
        return new TestS3Server(proxy);
    }

    URI endpoint() { return endpoint; }

    S3Settings.Builder settings(String bucket) {
        return S3Settings.builder().endpoint(endpoint).credentials(ACCESS_KEY, SECRET_KEY).bucket(bucket);
    }

    S3ArtifactStore open(String bucket) {
        return new S3ArtifactStore(settings(bucket).build());
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
