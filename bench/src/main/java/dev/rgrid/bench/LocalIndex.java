package dev.rgrid.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A PEP 503 package index on disk (this machine's pip index, {@code /opt/pypi}: {@code simple/<name>/index.html}
 * linking to {@code ../../files/<wheel>}) served over HTTP, so containers on the Docker bridge can install from it.
 */
final class LocalIndex implements AutoCloseable {
    private final Path root;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final String host;

    LocalIndex(Path root) throws IOException {
        if (!Files.isDirectory(root.resolve("simple"))) {
            throw new IllegalStateException("no package index at " + root + " (expected " + root.resolve("simple") + ")");
        }
        this.root = root.toAbsolutePath().normalize();
        this.host = bridgeGateway();
        server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(threads);
        server.start();
    }

    /** The index URL pip takes: {@code http://<docker0 address>:<port>/simple}. */
    String simpleUrl() { return "http://" + host + ":" + server.getAddress().getPort() + "/simple"; }

    String host() { return host; }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (Files.isDirectory(file)) file = file.resolve("index.html");
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", file.toString().endsWith(".html") ? "text/html" : "application/octet-stream");
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        }
    }

    /** The host's address on docker0, where containers on the default bridge find it. */
    private static String bridgeGateway() throws IOException {
        NetworkInterface docker0 = NetworkInterface.getByName("docker0");
        if (docker0 == null) throw new IllegalStateException("no docker0 interface: is the Docker engine running?");
        return docker0.inetAddresses().filter(a -> a instanceof Inet4Address).map(InetAddress::getHostAddress)
                .findFirst().orElseThrow(() -> new IllegalStateException("docker0 has no IPv4 address"));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
