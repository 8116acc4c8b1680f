package dev.rgrid.worker.exec;

import dev.rgrid.core.model.LogStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Turns chunks of bytes from one stream into lines for a {@link LogSink}. Very long lines are cut at
 * {@link #MAX_LINE_BYTES} so one runaway line cannot exhaust memory; call {@link #flush()} at the end
 * for a last line without a newline. Not thread-safe: one splitter per stream.
 */
public final class LineSplitter {
    public static final int MAX_LINE_BYTES = 64 * 1024;

    private final LogStream stream;
    private final LogSink sink;
    private final Clock clock;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public LineSplitter(LogStream stream, LogSink sink, Clock clock) {
        this.stream = stream;
        this.sink = sink;
        this.clock = clock;
    }

    public void accept(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                pending.write(bytes, start, i - start);
                emit();
                start = i + 1;
            } else if (pending.size() + (i - start) >= MAX_LINE_BYTES) {
                pending.write(bytes, start, i - start);
                emit();
                start = i;
            }
        }
        pending.write(bytes, start, end - start);
    }

    public void flush() {
        if (pending.size() > 0) emit();
    }

    private void emit() {
        String text = pending.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
        pending.reset();
        sink.line(stream, clock.instant(), text);
    }
}
