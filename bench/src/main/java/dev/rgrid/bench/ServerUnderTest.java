package dev.rgrid.bench;

import dev.rgrid.core.auth.NewApiKey;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real rgrid-server process on loopback for benchmarks, on a fresh embedded PostgreSQL, with one API
 * key. {@code env} adds settings, such as RGRID_DISPATCH=off to measure submissions alone.
 */
final class ServerUnderTest implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final EmbeddedPostgres postgres;
    private final Process process;
    private final String url;
    private final String apiKey;

    private ServerUnderTest(EmbeddedPostgres postgres, Process process, String url, String apiKey) {
        this.postgres = postgres;
        this.process = process;
        this.url = url;
        this.apiKey = apiKey;
    }

    static ServerUnderTest start(Map<String, String> env) throws IOException {
        return start(env, System.getProperty("java.class.path"));
    }

    /** A server that drives the Ray cluster at {@code rayAddress}, running with the cluster's own Ray jar. */
    static ServerUnderTest startDriver(String rayAddress, Path rayDistJar) throws IOException {
        return startDriver(rayAddress, rayDistJar, Map.of());
    }

    /** As {@link #startDriver(String, Path)}, with more settings ({@code env}). */
    static ServerUnderTest startDriver(String rayAddress, Path rayDistJar, Map<String, String> env) throws IOException {
        Map<String, String> all = new HashMap<>(env);
        all.put("RGRID_RAY_ADDRESS", rayAddress);
        return start(all, DriverClassPath.of(rayDistJar));
    }

    private static ServerUnderTest start(Map<String, String> env, String classPath) throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
        String jdbc = postgres.getJdbcUrl("postgres", "postgres");
        String key;
        try (Database db = Database.external(new DatabaseUrl(jdbc, "postgres", null))) {
            db.migrate();
            NewApiKey created = db.apiKeys().create("bench", "bench", Instant.now());
            key = created.secret();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", classPath, "dev.rgrid.server.Main", "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("RGRID_DATABASE_URL", jdbc);
        builder.environment().put("RGRID_SERVER_HOST", "127.0.0.1");
        builder.environment().put("RGRID_SERVER_PORT", "0");
        builder.environment().put("RGRID_HOME", Files.createTempDirectory("rgrid-bench-server").toString());
        Process process = builder.start();
        String url = awaitListening(process);
        return new ServerUnderTest(postgres, process, url, key);
    }

    private static String awaitListening(Process process) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> drain(reader), "server-output");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new IllegalStateException("the server exited before it listened:\n" + seen);
    }

    /** Reads the server's output to its end, so that it never blocks on a full pipe; closing it ends the read. */
    private static void drain(BufferedReader reader) {
        try {
            while (reader.readLine() != null) {
                // discarded
            }
        } catch (IOException closed) {
            // the server was stopped: nothing more to read
        }
    }

    String url() { return url; }

    String apiKey() { return apiKey; }

    /** The server's database, for a baseline measured on PostgreSQL directly. */
    String jdbcUrl() { return postgres.getJdbcUrl("postgres", "postgres"); }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        postgres.close();
    }
}
