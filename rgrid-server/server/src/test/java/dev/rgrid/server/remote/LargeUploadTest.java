package dev.rgrid.server.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.server.testing.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An upload far larger than the server's heap (-Xmx256m) streams to the store: the server answers 201 and
 * stays up. The request limit does not apply to it; the per-file limit does (413 before any byte is read).
 */
class LargeUploadTest {
    private static final long BIG = 300L * 1024 * 1024;
    private static ServerProcess server;
    private static String key;

    @BeforeAll
    static void start() {
        server = ServerProcess.start(TestPostgres.freshEmbeddedUrl(), Map.of("RGRID_DISPATCH", "off",
                "JAVA_TOOL_OPTIONS", "-Xmx256m", "RGRID_MAX_FILE_BYTES", "400m"));
        key = server.createKey("big", "big");
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /** {@code size} bytes of a fixed pattern, made on the fly. */
    private static InputStream pattern(long size) {
        return new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? (int) (left % 251) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) return -1;
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) b[off + i] = (byte) ((left - 1 - i) % 251);
                left -= n;
                return n;
            }
        };
    }

    @Test
    void three_hundred_megabytes_stream_through_a_server_with_a_256_megabyte_heap() throws Exception {
        String sha;
        try (DigestInputStream in = new DigestInputStream(pattern(BIG), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            sha = HexFormat.of().formatHex(in.getMessageDigest().digest());
        }
        HttpRequest put = HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/inputs/" + sha))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> pattern(BIG)), BIG))
                .build();
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(put, HttpResponse.BodyHandlers.ofString());

        assertEquals(201, r.statusCode(), () -> r.body() + "\n" + server.output());
        assertTrue(server.isAlive(), server::output);
        assertTrue(server.output().contains("Picked up JAVA_TOOL_OPTIONS: -Xmx256m"), "the heap limit applied: " + server.output());
        HttpRequest head = HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/inputs/" + sha))
                .header("Authorization", "Bearer " + key).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        assertEquals(200, RemoteFilesTest.send(head).statusCode());
    }

    /**
     * The client sends the headers of a 500 MB upload and no byte of its body: the server answers from the headers
     * alone and closes. Jetty used to hold such a request until its first body bytes (or its 30 s idle timeout), so
     * the answer must come well before that: 20 s is a bound on that defect, not a speed target.
     */
    @Test
    void an_upload_over_the_per_file_limit_is_refused_with_413_before_any_of_its_body_is_sent() throws IOException {
        URI url = URI.create(server.url());
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(20_000);
            String request = "PUT /api/v1/inputs/" + "a".repeat(64) + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\n"
                    + "Authorization: Bearer " + key + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + (500L * 1024 * 1024) + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            StringBuilder read = new StringBuilder();
            byte[] buffer = new byte[4096];
            InputStream in = socket.getInputStream();
            for (int n; (n = in.read(buffer)) != -1; ) {
                read.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            String answer = read.toString();
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("file_too_large"), answer);
            assertTrue(answer.contains("Connection: close"), "the server closes instead of reading 500 MB it refused: " + answer);
        }
    }
}
