package dev.rgrid.core.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Calls {@code hook} each time another {@code every} bytes have been read through it. */
final class SamplingStream extends FilterInputStream {
    private final long every;
    private final Runnable hook;
    private long read;
    private long next;

    SamplingStream(InputStream in, long every, Runnable hook) {
        super(in);
        this.every = every;
        this.hook = hook;
        this.next = every;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            read += n;
            if (read >= next) {
                next += every;
                hook.run();
            }
        }
        return n;
    }
}
