package dev.rgrid.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.core.wire.ExecutionJson;
import dev.rgrid.core.wire.LogLineJson;
import dev.rgrid.core.wire.WireJson;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.engine.Engine;
import dev.rgrid.server.service.LogTail;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/executions/{id}/logs/stream}: live logs as Server-Sent Events. Each line is an event
 * {@code log} with {@code id: <seq>}; when the run has ended and every line is out, one {@code end} event
 * carries the execution and the stream closes. Comments every heartbeat keep idle streams open, and tell
 * when the client has gone (the stream then stops following).
 */
final class LogStreamController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogStreamController.class);
    private static final int BATCH = 1000;

    private final Engine engine;
    private final LogTail tail;
    private final Duration heartbeat;
    private final ExecutorService followers = Executors.newCachedThreadPool(daemon("rgrid-log-stream"));
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("rgrid-sse-heartbeat"));

    LogStreamController(Engine engine, Duration heartbeat) {
        this.engine = engine;
        this.tail = new LogTail(engine, LogTail.DEFAULT_POLL);
        this.heartbeat = heartbeat;
    }

    void stream(Context ctx) throws IOException {
        String owner = Requests.owner(ctx);
        String id = ctx.pathParam("id");
        Set<LogStream> streams = LogParams.streams(ctx);
        long after = LogParams.after(ctx);
        engine.status(owner, id); // 404 now, while the answer can still be an error
        ctx.status(200).contentType("text/event-stream; charset=utf-8")
                .header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no");
        ctx.res().flushBuffer();
        SseWriter out = new SseWriter(ctx.res().getOutputStream());
        ctx.future(() -> CompletableFuture.runAsync(() -> follow(owner, id, new LogQuery(after, streams, BATCH), out), followers));
    }

    private void follow(String owner, String id, LogQuery query, SseWriter out) {
        ScheduledFuture<?> beat = heartbeats.scheduleAtFixedRate(() -> {
            try {
                out.comment("heartbeat");
            } catch (SseWriter.ClientGone e) {
                // the follower notices at its next write
            }
        }, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        try {
            Execution ended = tail.follow(owner, id, query,
                    line -> out.event("log", Long.toString(line.seq()), json(line)), out::isGone);
            if (ended != null) out.event("end", null, json(ExecutionJson.of(ended)));
        } catch (SseWriter.ClientGone e) {
            LOG.debug("Log stream of {} closed by the client", id);
        } catch (RuntimeException e) {
            LOG.warn("Log stream of {} ended early: {}", id, e.getMessage());
        } finally {
            beat.cancel(false);
        }
    }

    private static String json(LogLine line) {
        return json(LogLineJson.of(line));
    }

    private static String json(Object value) {
        try {
            return WireJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        followers.shutdownNow();
        heartbeats.shutdownNow();
    }
}
