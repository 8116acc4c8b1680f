package dev.rgrid.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes Server-Sent Events to one response, from any thread. Once a write fails (the client has gone)
 * every later one throws {@link ClientGone}.
 */
final class SseWriter {
    /** The client closed the connection. */
    static final class ClientGone extends RuntimeException {
        ClientGone(Throwable cause) {
            super("the client closed the event stream", cause);
        }
    }

    private final OutputStream out;
    private boolean gone;

    SseWriter(OutputStream out) {
        this.out = out;
    }

    synchronized void event(String name, String id, String data) {
        StringBuilder sb = new StringBuilder();
        sb.append("event: ").append(name).append('\n');
        if (id != null) sb.append("id: ").append(id).append('\n');
        for (String line : data.split("\n", -1)) sb.append("data: ").append(line).append('\n');
        write(sb.append('\n').toString());
    }

    /** Whether a write has failed: the client has gone. */
    synchronized boolean isGone() {
        return gone;
    }

    /** A comment line: keeps proxies from closing an idle stream. */
    synchronized void comment(String text) {
        write(": " + text + "\n\n");
    }

    private void write(String text) {
        if (gone) throw new ClientGone(null);
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            gone = true;
            throw new ClientGone(e);
        }
    }
}
