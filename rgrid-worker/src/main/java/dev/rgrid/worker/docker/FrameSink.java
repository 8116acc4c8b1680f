package dev.rgrid.worker.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.worker.exec.LineSplitter;
import dev.rgrid.worker.exec.LogSink;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Receives a container's multiplexed output and keeps stdout and stderr apart, one line splitter each.
 * Attached before the container starts, so nothing the script writes is missed; {@link #drain} waits
 * for the end of the stream, so nothing is lost at the end either.
 */
final class FrameSink extends ResultCallback.Adapter<Frame> {
    private final LineSplitter stdout;
    private final LineSplitter stderr;
    private final CountDownLatch attached = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Throwable failure;
    private boolean drained;

    FrameSink(LogSink sink, Clock clock) {
        this.stdout = new LineSplitter(LogStream.STDOUT, sink, clock);
        this.stderr = new LineSplitter(LogStream.STDERR, sink, clock);
    }

    @Override
    public void onStart(Closeable stream) {
        super.onStart(stream);
        attached.countDown();
    }

    @Override
    public synchronized void onNext(Frame frame) {
        byte[] payload = frame.getPayload();
        if (drained || payload == null || payload.length == 0) return;
        // The payload array may be reused by the reader once we return: copy out of it now.
        switch (frame.getStreamType()) {
            case STDERR -> stderr.accept(payload, 0, payload.length);
            case STDOUT, RAW -> stdout.accept(payload, 0, payload.length);
            default -> { }
        }
    }

    @Override
    public void onError(Throwable error) {
        failure = error;
        finish();
    }

    @Override
    public void onComplete() {
        finish();
    }

    private void finish() {
        attached.countDown();
        ended.countDown();
        closeStream();
    }

    /** Blocks until the engine has attached us (or refused to); returns the refusal, if any. */
    Throwable awaitAttached(Duration timeout) throws InterruptedException {
        if (!attached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return new IllegalStateException("no answer to attach within " + timeout.toSeconds() + " s");
        }
        return failure;
    }

    /**
     * Waits for the output to end, then emits the last unterminated lines. True when it ended cleanly;
     * false when it broke or did not end in time (then output may be incomplete).
     */
    boolean drain(Duration timeout) throws InterruptedException {
        boolean complete = ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        closeStream();
        synchronized (this) {
            stdout.flush();
            stderr.flush();
            drained = true;
        }
        return complete && failure == null;
    }

    Throwable failure() { return failure; }

    private void closeStream() {
        try {
            close();
        } catch (Exception ignored) {
            // The stream is gone already; nothing more to read from it.
        }
    }
}
