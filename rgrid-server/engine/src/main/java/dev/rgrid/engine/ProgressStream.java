package dev.rgrid.engine;

import dev.rgrid.sdk.TransferListener;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read through it and tells a {@link TransferListener}, at most every 256 KB. */
final class ProgressStream extends FilterInputStream {
    private static final long STEP = 256 * 1024;

    private final String name;
    private final TransferListener listener;
    private long done;
    private long reported;

    ProgressStream(InputStream in, String name, TransferListener listener) {
        super(in);
        this.name = name;
        this.listener = listener;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) count(1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) count(n);
        return n;
    }

    private void count(int n) {
        done += n;
        if (done - reported >= STEP) {
            reported = done;
            listener.progressed(name, done);
        }
    }

    @Override
    public void close() throws IOException {
        listener.progressed(name, done);
        super.close();
    }
}
