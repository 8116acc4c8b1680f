package dev.rgrid.sdk.remote.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A stream closed once nothing has come through it for {@code idle}, so a read blocked on a connection
 * that went silent without closing (a sleeping laptop, a dropped route) fails and can be retried.
 */
final class SilenceGuard extends FilterInputStream {
    private final Duration idle;
    private final ScheduledFuture<?> check;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean expired;

    SilenceGuard(InputStream in, Duration idle, ScheduledExecutorService timer) {
        super(in);
        this.idle = idle;
        long period = Math.max(idle.toMillis() / 4, 10);
        this.check = timer.scheduleAtFixedRate(this::closeIfSilent, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            lastActivity = System.nanoTime();
            return b;
        } catch (IOException e) {
            throw explained(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int n = super.read(buffer, offset, length);
            lastActivity = System.nanoTime();
            return n;
        } catch (IOException e) {
            throw explained(e);
        }
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        super.close();
    }

    private void closeIfSilent() {
        if (System.nanoTime() - lastActivity < idle.toNanos()) return;
        expired = true;
        try {
            close();
        } catch (IOException ignored) {
            // closing is all that was wanted
        }
    }

    private IOException explained(IOException e) {
        return expired ? new IOException("nothing received for " + idle.toMillis() + " ms", e) : e;
    }
}
