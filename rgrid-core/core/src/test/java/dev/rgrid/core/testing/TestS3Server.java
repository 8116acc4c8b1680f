package dev.rgrid.core.testing;

import static org.awaitility.Awaitility.await;

import dev.rgrid.core.artifact.S3Settings;
import dev.rgrid.core.artifact.internal.S3ArtifactStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * A real S3 server in this JVM (s3proxy over a directory) on a loopback port, with signed access only:
 * no bucket is ever anonymously readable. A module using it needs {@code org.gaul:s3proxy} as a test
 * dependency (see rgrid-core's pom for the exclusions).
 */
public final class TestS3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "rgrid-test-access";
    public static final String SECRET_KEY = "rgrid-test-secret-0123456789";

    private final S3Proxy proxy;
    private final URI endpoint;

    private TestS3Server(S3Proxy proxy) {
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** On a free port. */
    public static TestS3Server start(Path directory) throws Exception {
        return start(directory, 0);
    }

    /** On {@code port} (0 for a free one), such as the port of a server stopped before, to bring it back. */
    public static TestS3Server start(Path directory, int port) throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(directory.toString()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> proxy.getState().equals("STARTED"));
        return new TestS3Server(proxy);
    }

    public URI endpoint() { return endpoint; }

    public int port() { return endpoint.getPort(); }

    public S3Settings.Builder settings(String bucket) {
        return S3Settings.builder().endpoint(endpoint).credentials(ACCESS_KEY, SECRET_KEY).bucket(bucket);
    }

    public S3ArtifactStore open(String bucket) {
        return new S3ArtifactStore(settings(bucket).build());
    }

    /** The settings that point a server or CLI at this store ({@code RGRID_S3_*}). */
    public Map<String, String> environment(String bucket) {
        return environment(endpoint, bucket);
    }

    static Map<String, String> environment(URI endpoint, String bucket) {
        return Map.of("RGRID_S3_ENDPOINT", endpoint.toString(), "RGRID_S3_ACCESS_KEY", ACCESS_KEY,
                "RGRID_S3_SECRET_KEY", SECRET_KEY, "RGRID_S3_BUCKET", bucket);
    }

    /**
     * Serves {@code args[0]} until standard input ends (the parent closed it or died), for
     * {@link TestS3Process}: prints {@value TestS3Process#READY} and the endpoint once it listens.
     */
    public static void main(String[] args) throws Exception {
        try (TestS3Server server = start(Path.of(args[0]))) {
            System.out.println(TestS3Process.READY + server.endpoint());
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
