package dev.rgrid.server.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.core.testing.TestS3Server;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteRGrid;
import dev.rgrid.server.testing.ServerProcess;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With S3 behind the server, an output is not streamed through it: the outputs route answers 302 to a
 * presigned URL of the store, which serves the exact bytes to anyone holding it and to no one without
 * its signature. The SDK follows that redirect itself, without the API key.
 */
class PresignedOutputTest {
    private static final String BUCKET = "presigned";
    /** Writes every byte value twice, so any re-encoding on the way would show. */
    private static final String SCRIPT = """
            import os
            open(os.path.join(os.environ['RGRID_OUTPUT_DIR'], 'report.bin'), 'wb').write(bytes(range(256)) * 2)
            """;
    private static final byte[] EXPECTED = expected();

    @TempDir Path blobs;

    @Test
    void an_output_redirects_to_a_presigned_url_that_serves_the_bytes_while_the_plain_url_is_refused() throws Exception {
        try (TestS3Server s3 = TestS3Server.start(blobs)) {
            Map<String, String> env = new HashMap<>(s3.environment(BUCKET));
            try (ServerProcess server = ServerProcess.start(TestPostgres.freshEmbeddedUrl(), env)) {
                String key = server.createKey("presigned", "presigned");
                try (RemoteRGrid rgrid = RGrid.connect(server.url(), key)) {
                    Execution submitted = rgrid.submit(ExecutionSpec.builder("write.py", SCRIPT.getBytes(StandardCharsets.UTF_8)).build());
                    Execution done = rgrid.await(submitted.id(), Duration.ofMinutes(3));
                    assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + server.output());
                    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

                    HttpResponse<byte[]> redirect = http.send(HttpRequest.newBuilder(URI.create(server.url()
                                    + "/api/v1/executions/" + done.id() + "/outputs/outputs/report.bin"))
                            .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(302, redirect.statusCode(), () -> new String(redirect.body(), StandardCharsets.UTF_8));
                    URI presigned = URI.create(redirect.headers().firstValue("Location").orElseThrow());
                    assertEquals(s3.endpoint().getAuthority(), presigned.getAuthority(), "straight to the store: " + presigned);
                    assertTrue(presigned.getPath().startsWith("/" + BUCKET + "/"), presigned::toString);
                    assertTrue(presigned.getQuery().contains("X-Amz-Signature="), presigned::toString);

                    HttpResponse<byte[]> followed = http.send(HttpRequest.newBuilder(presigned).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, followed.statusCode());
                    assertArrayEquals(EXPECTED, followed.body());

                    URI plain = new URI(presigned.getScheme(), presigned.getAuthority(), presigned.getPath(), null, null);
                    HttpResponse<byte[]> unsigned = http.send(HttpRequest.newBuilder(plain).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(403, unsigned.statusCode(), "no bucket is anonymously readable: " + plain);

                    try (InputStream in = rgrid.openOutput(done.id(), "outputs/report.bin")) {
                        assertArrayEquals(EXPECTED, in.readAllBytes(), "the SDK follows the redirect to the same bytes");
                    }
                }
            }
        }
    }

    private static byte[] expected() {
        byte[] bytes = new byte[512];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) i;
        return bytes;
    }
}
