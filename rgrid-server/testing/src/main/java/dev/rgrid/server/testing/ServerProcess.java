package dev.rgrid.server.testing;

import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real {@code rgrid-server serve} in a separate JVM on loopback, for tests: a free port, a home of its
 * own, the database given. {@link #start} returns once {@code /api/v1/health} answers. Keys are created
 * and revoked in this JVM through the same database (what {@code rgrid-server keys} does).
 *
 * <pre>
 * try (ServerProcess server = ServerProcess.start(TestPostgres.freshEmbeddedUrl(), Map.of())) {
 *     String key = server.createKey("alice", "alice");
 *     // HTTP to server.url() + "/api/v1/..." with "Authorization: Bearer " + key
 * }
 * </pre>
 */
public final class ServerProcess implements AutoCloseable {
    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final DatabaseUrl db;
    private final Path home;
    private final Path log;
    private final String url;
    private Database keysDb;

    private ServerProcess(Process process, DatabaseUrl db, Path home, Path log, int port) {
        this.process = process;
        this.db = db;
        this.home = home;
        this.log = log;
        this.url = "http://127.0.0.1:" + port;
    }

    /**
     * Starts a server on {@code db} (migrated on start) with {@code env} on top of the defaults
     * ({@code RGRID_SERVER_HOST=127.0.0.1}, {@code RGRID_SERVER_PORT=0}, a temporary {@code RGRID_HOME}).
     */
    public static ServerProcess start(DatabaseUrl db, Map<String, String> env) {
        return start(db, env, null);
    }

    /**
     * Starts a server that drives the Ray cluster at {@code cluster}: {@code RGRID_RAY_ADDRESS} set, and the
     * cluster's own Ray jar in place of Maven's.
     */
    public static ServerProcess startDriver(DatabaseUrl db, Map<String, String> env, RayTestCluster cluster) {
        Map<String, String> withCluster = new java.util.HashMap<>(env);
        withCluster.put("RGRID_RAY_ADDRESS", cluster.address());
        return start(db, withCluster, cluster.rayDistJar());
    }

    private static ServerProcess start(DatabaseUrl db, Map<String, String> env, Path rayDistJar) {
        Path home = TempHomes.create();
        Path log = home.resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder(JavaCommand.of(rayDistJar, "serve")).redirectErrorStream(true);
        JavaCommand.environment(pb.environment(), db, home,
                Map.of("RGRID_SERVER_HOST", "127.0.0.1", "RGRID_SERVER_PORT", "0"));
        pb.environment().putAll(env);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server JVM", e);
        }
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread pump = new Thread(() -> ServerOutput.pump(process, log, port), "server-output-" + process.pid());
        pump.setDaemon(true);
        pump.start();
        try {
            ServerProcess server = new ServerProcess(process, db, home, log, port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            server.awaitHealthAnswers(Instant.now().plus(START_TIMEOUT));
            return server;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw failedToStart(process, home, log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failedToStart(process, home, log, e);
        }
    }

    private static IllegalStateException failedToStart(Process process, Path home, Path log, Exception cause) {
        process.destroyForcibly();
        try {
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String output = ServerOutput.read(log);
        TempHomes.delete(home);
        return new IllegalStateException("the server did not start (" + cause.getMessage() + "); its output:\n" + output, cause);
    }

    /** Runs {@code rgrid-server ARGS} (such as {@code db migrate}) to its end on {@code db} (none when null). */
    public static CommandResult run(DatabaseUrl db, Map<String, String> env, String... args) {
        return ServerCommand.run(db, env, args);
    }

    /** The database as one {@code RGRID_DATABASE_URL} value: a JDBC URL carrying the user and password. */
    public static String databaseUrlSetting(DatabaseUrl db) {
        return JavaCommand.withCredentials(db);
    }

    /** The base URL, such as {@code http://127.0.0.1:41234}. */
    public String url() { return url; }

    /** Everything the server printed so far (stdout and stderr, merged). */
    public String output() { return ServerOutput.read(log); }

    public boolean isAlive() { return process.isAlive(); }

    /** A new API key for {@code owner}; returns its secret. */
    public synchronized String createKey(String name, String owner) {
        return keys().apiKeys().create(name, owner, Instant.now()).secret();
    }

    /** Revokes the active key with this name (or id); it stops working at once. */
    public synchronized void revokeKey(String name) {
        keys().apiKeys().revoke(name, Instant.now());
    }

    /** Kills the server at once, like {@code kill -9}: nothing is cleaned up. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(STOP_TIMEOUT);
        closeKeys();
    }

    /** Stops the server gracefully (SIGTERM: it stops listening and cancels runs in flight) and waits. */
    @Override
    public void close() {
        process.destroy();
        if (!waitForExit(STOP_TIMEOUT)) {
            process.destroyForcibly();
            waitForExit(STOP_TIMEOUT);
        }
        closeKeys();
        TempHomes.delete(home);
    }

    private Database keys() {
        if (keysDb == null) keysDb = Database.external(db);
        return keysDb;
    }

    private synchronized void closeKeys() {
        if (keysDb != null) keysDb.close();
        keysDb = null;
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitHealthAnswers(Instant deadline) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/health")).timeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                waitForExit(Duration.ofMillis(100)); // polls again in 100 ms, or sooner when the process has died
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("the server's health route did not answer within " + START_TIMEOUT);
    }

}
