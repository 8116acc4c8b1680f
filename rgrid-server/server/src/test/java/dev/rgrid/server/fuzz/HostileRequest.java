package dev.rgrid.server.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One generated request: which route it aims at (for the report), and its exact bytes — request line, headers and
 * body — as a hostile client could send them.
 *
 * @param route    the route template it was made from, {@code METHOD /path/{param}}
 * @param method   the method sent (not always the route's: a wrong method is a case too)
 * @param target   the request target as sent, escapes and all
 * @param headers  header lines, each ending CRLF, without Host, Connection and Content-Length
 * @param body     the body, its length sent as Content-Length
 * @param creates  whether a 2xx answer to it records an execution
 */
record HostileRequest(String route, String method, byte[] target, byte[] headers, byte[] body, boolean creates) {

    byte[] requestLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(method.getBytes(StandardCharsets.ISO_8859_1));
        out.write(' ');
        out.writeBytes(target);
        out.writeBytes(" HTTP/1.1".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    boolean deletes() {
        return method.equals("DELETE");
    }

    @Override
    public String toString() {
        String head = new String(requestLine(), StandardCharsets.ISO_8859_1) + "\n" + new String(headers, StandardCharsets.ISO_8859_1);
        String shown = new String(body, StandardCharsets.ISO_8859_1);
        return head + "\n" + (shown.length() > 600 ? shown.substring(0, 600) + "... (" + body.length + " bytes)" : shown);
    }
}
