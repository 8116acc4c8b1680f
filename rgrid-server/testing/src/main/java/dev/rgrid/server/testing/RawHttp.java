package dev.rgrid.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends bytes as they are — requests Java's HTTP client refuses to build (a NUL in the path, broken escapes, a
 * 10 KB URI, bad UTF-8) — and reads the answer; the connection is closed after each. What a hostile client can send.
 * A live stream (Server-Sent Events) is read up to its headers only.
 */
public final class RawHttp {
    public record Answer(int status, String headers, String body) {
        public String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) return line.substring(colon + 1).trim();
            }
            return null;
        }
    }

    private RawHttp() {}

    public static Answer send(String baseUrl, byte[] request) {
        URI url = URI.create(baseUrl);
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int headEnd = -1;
            for (int n; headEnd < 0 && (n = in.read(buffer)) != -1; ) {
                all.write(buffer, 0, n);
                headEnd = all.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
            }
            String text = all.toString(StandardCharsets.ISO_8859_1);
            if (headEnd < 0) throw new IllegalStateException("no complete answer: " + text);
            String head = text.substring(0, headEnd);
            if (!head.toLowerCase(Locale.ROOT).contains("text/event-stream")) {
                in.transferTo(all);
            }
            byte[] raw = java.util.Arrays.copyOfRange(all.toByteArray(), headEnd + 4, all.size());
            String lower = head.toLowerCase(Locale.ROOT);
            byte[] body = lower.contains("transfer-encoding: chunked") ? dechunk(raw) : raw;
            if (lower.contains("content-encoding: gzip") && body.length > 0) {
                try (InputStream gz = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                    body = gz.readAllBytes();
                }
            }
            return new Answer(Integer.parseInt(head.substring(9, 12)), head, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request with {@code Connection: close}, the given head lines (each ending CRLF) and body. */
    public static byte[] request(String requestLine, String host, String headers, byte[] body) {
        return request(requestLine.getBytes(StandardCharsets.ISO_8859_1), host, headers.getBytes(StandardCharsets.ISO_8859_1), body);
    }

    /** As above, from bytes: a request line or headers may hold any byte. */
    public static byte[] request(byte[] requestLine, String host, byte[] headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(requestLine);
        out.writeBytes(("\r\nHost: " + host + "\r\nConnection: close\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(headers);
        out.writeBytes(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int eol = indexOfCrlf(body, at);
            if (eol < 0) break;
            int size = Integer.parseInt(new String(body, at, eol - at, StandardCharsets.ISO_8859_1).trim().split(";")[0], 16);
            if (size == 0) break;
            out.write(body, eol + 2, Math.min(size, body.length - eol - 2));
            at = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) if (bytes[i] == '\r' && bytes[i + 1] == '\n') return i;
        return -1;
    }
}
