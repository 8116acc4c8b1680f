package dev.rgrid.core.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TestS3Server} in a JVM of its own (this JVM's class path), for tests that measure this JVM's
 * heap and must not count the S3 server's buffers. It stops when closed, or when this JVM dies (its
 * standard input ends).
 */
public final class TestS3Process implements AutoCloseable {
    static final String READY = "s3proxy listening on ";

    private final Process process;
    private final URI endpoint;

    private TestS3Process(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static TestS3Process start(Path directory) throws IOException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TestS3Server.class.getName(), directory.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(READY)) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "s3proxy-output");
                drain.setDaemon(true);
                drain.start();
                return new TestS3Process(process, URI.create(line.substring(READY.length()).trim()));
            }
            seen.append(line).append('\n');
        }
        process.destroyForcibly();
        throw new IllegalStateException("s3proxy exited before it listened:\n" + seen);
    }

    public URI endpoint() { return endpoint; }

    /** The settings that point a server or CLI at this store ({@code RGRID_S3_*}). */
    public Map<String, String> environment(String bucket) {
        return TestS3Server.environment(endpoint, bucket);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
