package dev.rgrid.worker.deps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A package index served by the test: PEP 503 pages under {@code /simple/<name>/}, files under
 * {@code /files/}. It listens on every address; containers reach it at the Docker bridge's gateway.
 * It counts the requests for each path, so a test can tell whether pip or npm came at all.
 */
public final class TestIndex implements AutoCloseable {
    private final HttpServer server;
    private final String host;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    public TestIndex() {
        host = bridgeGateway();
        try {
            server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(threads);
        server.start();
    }

    /** The host's address on docker0, where containers on the default bridge find the host. */
    public static String bridgeGateway() {
        try {
            NetworkInterface docker0 = NetworkInterface.getByName("docker0");
            if (docker0 == null) throw new IllegalStateException("no docker0 interface: is the Docker engine running?");
            return docker0.inetAddresses().filter(a -> a instanceof Inet4Address).map(InetAddress::getHostAddress)
                    .findFirst().orElseThrow(() -> new IllegalStateException("docker0 has no IPv4 address"));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves a wheel for pip under {@code /simple/<name>/}. */
    public TestIndex wheel(String name, String version, String source) {
        String file = name + "-" + version + "-py3-none-any.whl";
        files.put("/files/" + file, TestPackages.wheel(name, version, source));
        files.put(page(name), ("<!DOCTYPE html><html><body><a href=\"/files/" + file + "\">" + file
                + "</a></body></html>").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Serves an npm tarball at {@link #url}{@code /files/<name>-<version>.tgz}; returns its bytes. */
    public byte[] npmPackage(String name, String version, String source) {
        byte[] tarball = TestPackages.npmPackage(name, version, source);
        files.put("/files/" + name + "-" + version + ".tgz", tarball);
        return tarball;
    }

    /** The PEP 503 page of a project: its name normalised, as pip asks for it. */
    public static String page(String name) {
        return "/simple/" + name.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "-") + "/";
    }

    /** Answers requests for {@code path} only once {@code release} is counted down (a slow index). */
    public void hold(String path, CountDownLatch release) {
        holds.put(path, release);
    }

    public String host() { return host; }

    public String url() { return "http://" + host + ":" + server.getAddress().getPort(); }

    public String simpleUrl() { return url() + "/simple"; }

    /** How many requests asked for {@code path}, found or not. */
    public int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try {
            answer(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answer(HttpExchange exchange) throws IOException, InterruptedException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            CountDownLatch hold = holds.get(path);
            if (hold != null && !hold.await(2, TimeUnit.MINUTES)) throw new IOException("held too long: " + path);
            byte[] body = files.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", path.endsWith("/") ? "text/html" : "application/octet-stream");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
