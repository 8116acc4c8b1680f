package dev.rgrid.server.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.TransferListener;
import dev.rgrid.sdk.remote.RemoteRGrid;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Input files in and outputs out through {@code RGrid.connect} and the raw upload routes of a real server. */
class RemoteFilesTest {
    @RegisterExtension static final SharedServer server = new SharedServer();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Reads data/x.csv (placed there from the input) and writes two outputs. */
    private static final String SCRIPT = """
            import os
            text = open('data/x.csv').read()
            out = os.environ['RGRID_OUTPUT_DIR']
            os.makedirs(os.path.join(out, 'sub'), exist_ok=True)
            open(os.path.join(out, 'copy.csv'), 'w').write(text.upper())
            open(os.path.join(out, 'sub', 'b.txt'), 'w').write('bee')
            print(text.strip())
            """;

    @TempDir Path dir;

    /** Every call, in order, as "started name", "skipped name", "finished name" (progress calls counted apart). */
    private static final class Recorder implements TransferListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile long lastProgress;

        @Override public void started(String name, long total) { events.add("started " + name + " " + total); }
        @Override public void progressed(String name, long done) { lastProgress = done; }
        @Override public void skipped(String name, long total) { events.add("skipped " + name + " " + total); }
        @Override public void finished(String name) { events.add("finished " + name); }
    }

    @Test
    void an_input_reaches_the_script_outputs_come_back_and_a_second_send_is_skipped() throws IOException {
        String content = "x,y\n3,4 " + System.nanoTime() + "\n";
        Path csv = Files.writeString(dir.resolve("x.csv"), content);
        long size = Files.size(csv);
        ExecutionSpec spec = ExecutionSpec.builder("read.py", SCRIPT.getBytes(StandardCharsets.UTF_8))
                .input("data/x.csv", csv).build();

        try (RemoteRGrid rgrid = RGrid.connect(server.url(), server.newKey("files" + System.nanoTime()).secret())) {
            Recorder first = new Recorder();
            Execution done = rgrid.await(rgrid.submit(spec, first).id(), Duration.ofMinutes(3));

            assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + server.output());
            assertEquals(List.of("started data/x.csv " + size, "finished data/x.csv"), first.events);
            assertEquals(size, first.lastProgress);
            List<ExecutionFile> outputs = rgrid.outputs(done.id());
            assertEquals(List.of("outputs/copy.csv", "outputs/sub/b.txt"), outputs.stream().map(ExecutionFile::path).sorted().toList());
            try (InputStream in = rgrid.openOutput(done.id(), "outputs/copy.csv")) {
                assertEquals(content.toUpperCase(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            try (InputStream in = rgrid.openOutput(done.id(), "outputs/sub/b.txt")) {
                assertEquals("bee", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            RGridException unknown = org.junit.jupiter.api.Assertions.assertThrows(RGridException.class,
                    () -> rgrid.openOutput(done.id(), "outputs/nope.txt"));
            assertTrue(unknown.code().endsWith("not_found"), unknown::toString);

            Recorder second = new Recorder();
            Execution again = rgrid.await(rgrid.submit(spec, second).id(), Duration.ofMinutes(3));
            assertEquals(ExecutionStatus.SUCCEEDED, again.status(), again::toString);
            assertEquals(List.of("skipped data/x.csv " + size), second.events);
        }
    }

    @Test
    void uploads_are_checked_against_their_sha256_need_a_length_and_stay_with_their_owner() throws Exception {
        String ownerA = server.newKey("filesA" + System.nanoTime()).secret();
        String ownerB = server.newKey("filesB" + System.nanoTime()).secret();
        byte[] content = ("content " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        String sha = sha256(content);

        assertEquals(404, send(head(sha, ownerA)).statusCode());
        HttpResponse<String> mismatch = send(put(sha("other"), ownerA, HttpRequest.BodyPublishers.ofByteArray(content)));
        assertEquals(400, mismatch.statusCode(), mismatch.body());
        assertTrue(mismatch.body().contains("checksum_mismatch"), mismatch.body());
        assertEquals(404, send(head(sha("other"), ownerA)).statusCode(), "nothing stored on a mismatch");

        HttpResponse<String> chunked = send(put(sha, ownerA,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(content))));
        assertEquals(411, chunked.statusCode(), chunked.body());
        assertTrue(chunked.body().contains("length_required"), chunked.body());

        assertEquals(201, send(put(sha, ownerA, HttpRequest.BodyPublishers.ofByteArray(content))).statusCode());
        assertEquals(200, send(put(sha, ownerA, HttpRequest.BodyPublishers.ofByteArray(content))).statusCode());
        assertEquals(200, send(head(sha, ownerA)).statusCode());
        assertEquals(404, send(head(sha, ownerB)).statusCode(), "another owner's upload is not visible");
        assertEquals(400, send(head("NOT-A-SHA", ownerA)).statusCode());
    }

    @Test
    void a_submission_naming_an_input_not_uploaded_is_refused_naming_the_path() throws IOException {
        Path csv = Files.writeString(dir.resolve("y.csv"), "never uploaded " + System.nanoTime());
        String key = server.newKey("filesC" + System.nanoTime()).secret();
        String spec = "{\"script_name\":\"a.py\",\"inputs\":[{\"path\":\"data/y.csv\",\"sha256\":\""
                + sha256(Files.readAllBytes(csv)) + "\",\"size\":" + Files.size(csv) + "}]}";
        String boundary = "b" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"spec\"\r\nContent-Type: application/json\r\n\r\n"
                + spec + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"script\"; filename=\"a.py\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nprint(1)\r\n--" + boundary + "--\r\n";
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/executions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("input_not_uploaded") && r.body().contains("data/y.csv") && r.body().contains("PUT /api/v1/inputs/"),
                r.body());
    }

    private static HttpRequest head(String sha, String key) {
        return HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/inputs/" + sha)).header("Authorization", "Bearer " + key)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
    }

    private static HttpRequest put(String sha, String key, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/inputs/" + sha)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/octet-stream").PUT(body).build();
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sha(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
