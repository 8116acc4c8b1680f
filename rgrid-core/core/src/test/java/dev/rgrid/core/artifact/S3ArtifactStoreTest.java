package dev.rgrid.core.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.StoreException;
import dev.rgrid.core.artifact.internal.S3ArtifactStore;
import dev.rgrid.core.testing.SettableClock;
import dev.rgrid.core.testing.TestS3Server;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3ArtifactStoreTest extends ArtifactStoreContract {
    static final String BUCKET = "rgrid-test";
    @TempDir
    static Path blobs;
    static TestS3Server server;
    static S3ArtifactStore store;

    @BeforeAll
    static void startS3() throws Exception {
        server = TestS3Server.start(blobs);
        store = server.open(BUCKET);
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (store != null) store.close();
        if (server != null) server.close();
    }

    @Override
    protected ArtifactStore store() {
        return store;
    }

    @Test
    void a_presigned_url_downloads_the_object_without_credentials_while_the_bucket_stays_private() throws Exception {
        put(base + "report.txt", "the results");
        HttpClient http = HttpClient.newHttpClient();

        URI url = store.presignedGet(base + "report.txt", Duration.ofMinutes(5)).orElseThrow();
        HttpResponse<byte[]> signed = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> anonymous = http.send(HttpRequest.newBuilder(
                server.endpoint().resolve("/" + BUCKET + "/" + base + "report.txt")).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> listing = http.send(HttpRequest.newBuilder(
                server.endpoint().resolve("/" + BUCKET + "?list-type=2")).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, signed.statusCode());
        assertArrayEquals("the results".getBytes(StandardCharsets.UTF_8), signed.body());
        assertEquals(403, anonymous.statusCode());
        assertEquals(403, listing.statusCode());
    }

    @Test
    void a_missing_bucket_is_created_when_the_store_opens() {
        try (S3ArtifactStore fresh = server.open("fresh-" + System.nanoTime())) {
            assertTrue(fresh.isReachable());
            fresh.put("owners/a/x", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, null, null);
            assertEquals(3, fresh.stat("owners/a/x").orElseThrow().size());
        }
    }

    @Test
    void wrong_credentials_fail_with_a_store_error_naming_the_keys_to_check() {
        StoreException e = assertThrows(StoreException.class, () ->
                new S3ArtifactStore(server.settings(BUCKET).credentials(TestS3Server.ACCESS_KEY, "wrong-secret").build()));

        assertTrue(e.hint().contains("RGRID_S3_SECRET_KEY"), e.getMessage());
        assertEquals(store.description(), e.value());
    }

    @Test
    void an_endpoint_nobody_listens_on_fails_with_a_store_error_saying_it_cannot_be_reached() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        S3Settings nowhere = S3Settings.builder().endpoint("http://127.0.0.1:" + closedPort)
                .credentials(TestS3Server.ACCESS_KEY, TestS3Server.SECRET_KEY).build();

        StoreException e = assertThrows(StoreException.class, () -> new S3ArtifactStore(nowhere));

        assertTrue(e.hint().contains("cannot be reached") && e.hint().contains("RGRID_S3_ENDPOINT"), e.getMessage());
    }

    @Test
    void failed_uploads_leave_no_temporary_object_behind() throws Exception {
        assertThrows(RGridException.class, () -> store.put(base + "bad", GeneratedContent.of(MB, 1), MB, null, ZEROS_SHA256));
        assertThrows(RGridException.class, () ->
                store.put(base + "cut", GeneratedContent.failingAt(20 * MB, 1, 18 * MB), -1, null, null));

        assertEquals(List.of(), rawKeys(".uploads/"));
    }

    @Test
    void uploads_left_by_a_crash_are_removed_when_a_store_opens_later() throws Exception {
        byte[] half = new byte[] {1, 2, 3};
        client().putObject(PutObjectArgs.builder().bucket(BUCKET).object(".uploads/crashed-" + System.nanoTime())
                .stream(new ByteArrayInputStream(half), half.length, -1).build());
        SettableClock clock = SettableClock.atNow();

        new S3ArtifactStore(server.settings(BUCKET).build(), clock).close();
        assertFalse(rawKeys(".uploads/").isEmpty(), "a recent upload may still be running");

        clock.advance(Duration.ofHours(2));
        new S3ArtifactStore(server.settings(BUCKET).build(), clock).close();
        assertEquals(List.of(), rawKeys(".uploads/"));
    }

    @Test
    void the_store_describes_itself_by_bucket_and_endpoint() {
        assertEquals("s3://" + BUCKET + " at " + server.endpoint(), store.description());
    }

    private static MinioClient client() {
        return MinioClient.builder().endpoint(server.endpoint().toString())
                .credentials(TestS3Server.ACCESS_KEY, TestS3Server.SECRET_KEY).build();
    }

    private static List<String> rawKeys(String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> result : client().listObjects(
                ListObjectsArgs.builder().bucket(BUCKET).prefix(prefix).recursive(true).build())) {
            keys.add(result.get().objectName());
        }
        return keys;
    }
}
