package dev.rgrid.sdk.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on loopback in front of a server, for tests of what a flaky network does: the next connections
 * can be failed ({@link Fault}), and every open connection cut at once. Without an upstream, every
 * connection is answered 503. Faults apply per connection: give them to a client with no open connection.
 */
public final class FlakyProxy implements AutoCloseable {
    public enum Fault {
        /** Reads the request and answers 503, as a proxy whose backend is down. */
        UNAVAILABLE,
        /** Passes the request on, then closes the connection when the answer starts: the server did the work. */
        DROP_RESPONSE
    }

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

    private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final InetSocketAddress upstream;
    private final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Socket> frozen = ConcurrentHashMap.newKeySet();
    private final List<String> unavailableRequests = new CopyOnWriteArrayList<>();

    private FlakyProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        daemon(this::acceptLoop, "flaky-proxy-accept");
    }

    /** In front of {@code url}'s host and port. */
    public static FlakyProxy to(String url) throws IOException {
        URI uri = URI.create(url);
        return new FlakyProxy(new InetSocketAddress(uri.getHost(), uri.getPort()));
    }

    /** Answers every request 503. */
    public static FlakyProxy alwaysUnavailable() throws IOException {
        return new FlakyProxy(null);
    }

    public String url() { return "http://127.0.0.1:" + listener.getLocalPort(); }

    /** The next {@code times} connections suffer {@code fault}. */
    public FlakyProxy fail(Fault fault, int times) {
        for (int i = 0; i < times; i++) faults.add(fault);
        return this;
    }

    /** Closes every open connection now, as a network that drops. */
    public void cutAll() {
        for (Socket s : open) closeQuietly(s);
    }

    /**
     * From now on, drops whatever arrives on the connections open now, and keeps them open: a route gone
     * silent, as a sleeping laptop leaves it. New connections pass.
     */
    public void freezeAll() {
        frozen.addAll(open);
    }

    /** The head of each request answered 503 (request line and headers), in order. */
    public List<String> unavailableRequests() { return List.copyOf(unavailableRequests); }

    @Override
    public void close() throws IOException {
        listener.close();
        cutAll();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                daemon(() -> handle(client), "flaky-proxy-conn");
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        Fault fault = upstream == null ? Fault.UNAVAILABLE : faults.poll();
        try (client) {
            if (fault == Fault.UNAVAILABLE) {
                unavailableRequests.add(readRequestHead(client.getInputStream()));
                client.getOutputStream().write(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: 11\r\nConnection: close\r\n\r\nunavailable").getBytes(StandardCharsets.US_ASCII));
                return;
            }
            try (Socket server = new Socket(upstream.getAddress(), upstream.getPort())) {
                open.add(server);
                daemon(() -> pump(client, server, false), "flaky-proxy-up");
                pump(server, client, fault == Fault.DROP_RESPONSE);
            }
        } catch (IOException e) {
            // the test cut it, or a side went away: the other side sees the connection close
        }
    }

    private void pump(Socket from, Socket to, boolean dropAtFirstByte) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (dropAtFirstByte) break;
                if (frozen.contains(from)) continue;
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // closed: fall through and close both sides
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
            frozen.remove(from);
        }
    }

    private static String readRequestHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0d0a0d0a) break;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = CONTENT_LENGTH.matcher(text);
        if (length.find()) in.readNBytes(Integer.parseInt(length.group(1)));
        return text;
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
