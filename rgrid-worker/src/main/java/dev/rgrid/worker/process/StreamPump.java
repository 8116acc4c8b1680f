package dev.rgrid.worker.process;

import dev.rgrid.worker.exec.LineSplitter;
import java.io.IOException;
import java.io.InputStream;

/**
 * Copies one of a process's output pipes into a line splitter on its own thread, so a script that
 * fills one pipe while we read the other cannot block. {@link #drain} returns after end of stream,
 * which comes only when every process holding the pipe has ended.
 */
final class StreamPump implements Runnable {
    private final InputStream in;
    private final LineSplitter lines;
    private final Thread thread;

    StreamPump(InputStream in, LineSplitter lines, String name) {
        this.in = in;
        this.lines = lines;
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    StreamPump start() {
        thread.start();
        return this;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (in) {
            int read;
            while ((read = in.read(buffer)) >= 0) lines.accept(buffer, 0, read);
        } catch (IOException e) {
            // The pipe closed under us: what was read is kept.
        } finally {
            lines.flush();
        }
    }

    /** True when the stream ended within {@code timeoutMillis}; its last line has been emitted then. */
    boolean drain(long timeoutMillis) throws InterruptedException {
        thread.join(Math.max(1, timeoutMillis));
        return !thread.isAlive();
    }
}
