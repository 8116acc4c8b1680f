package dev.rgrid.sdk.remote.internal;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.wire.ExecutionJson;
import dev.rgrid.core.wire.LogLineJson;
import dev.rgrid.core.wire.WireJson;
import dev.rgrid.sdk.LogQuery;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Follows {@code /logs/stream} (Server-Sent Events) to the {@code end} event. A dropped connection is
 * reopened from the last line seen ({@code Last-Event-ID}), with the retry policy's backoff and notices,
 * so each line is delivered once, in order; lines at or before the last one seen are dropped if resent.
 */
final class LiveLogs {
    private final Transport transport;

    LiveLogs(Transport transport) {
        this.transport = transport;
    }

    /** Returns the execution the {@code end} event carries, or null when it carries none (a server before 0.1). */
    Execution follow(String id, LogQuery query, Consumer<LogLine> onLine) {
        StreamChoice streams = StreamChoice.of(query.streams());
        long last = query.afterSeq();
        int failures = 0;
        while (true) {
            try (InputStream in = transport.open(request(id, streams, last))) {
                SseReader reader = new SseReader(in);
                SseReader.Event event;
                while ((event = reader.next()) != null) {
                    failures = 0;
                    if (event.type().equals("end")) return ended(event);
                    if (!event.type().equals("log")) continue;
                    LogLine line = WireJson.mapper().readValue(event.data(), LogLineJson.class).toLogLine();
                    if (line.seq() <= last) continue;
                    last = line.seq();
                    if (streams.accepts(line.stream())) onLine.accept(line);
                }
                throw new EOFException("the live log stream closed before the run ended");
            } catch (IOException e) {
                transport.retrier().afterFailure(++failures, e);
            }
        }
    }

    private static Execution ended(SseReader.Event event) throws IOException {
        if (event.data() == null || event.data().isBlank()) return null;
        return WireJson.mapper().readValue(event.data(), ExecutionJson.class).toExecution();
    }

    private Request request(String id, StreamChoice streams, long after) {
        return transport.request(Paths.execution(id) + "/logs/stream?stream=" + streams.param() + "&after=" + after)
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", Long.toString(after))
                .GET().build();
    }
}
