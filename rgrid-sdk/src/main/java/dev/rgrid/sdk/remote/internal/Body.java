package dev.rgrid.sdk.remote.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a request sends: its length, known before sending (every body here is), and its bytes, again on a retry. */
interface Body {
    long length();

    void writeTo(OutputStream out) throws IOException;

    Body NONE = bytes(new byte[0]);

    static Body bytes(byte[] content) {
        return new Body() {
            @Override public long length() { return content.length; }
            @Override public void writeTo(OutputStream out) throws IOException { out.write(content); }
        };
    }

    /** A file, streamed from disk as it is sent; its length is read when the request is built. */
    static Body file(Path file, long length) {
        return new Body() {
            @Override public long length() { return length; }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(out);
                }
            }
        };
    }
}
