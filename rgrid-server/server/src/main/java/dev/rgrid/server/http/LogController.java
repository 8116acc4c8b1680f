package dev.rgrid.server.http;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.wire.LogLineJson;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.engine.Engine;
import dev.rgrid.server.http.json.LogPageJson;
import io.javalin.http.Context;
import java.util.List;

/** {@code GET /api/v1/executions/{id}/logs}: a page of log lines after a sequence number. */
final class LogController {
    private final Engine engine;

    LogController(Engine engine) {
        this.engine = engine;
    }

    void page(Context ctx) {
        String owner = Requests.owner(ctx);
        String id = ctx.pathParam("id");
        long after = Requests.longParam(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = Requests.intParam(ctx, "limit", LogQuery.DEFAULT_LIMIT, 1, LogQuery.DEFAULT_LIMIT);
        // The status is read first: when it is final then, every line is already stored.
        Execution execution = engine.status(owner, id);
        List<LogLine> lines = engine.logs(owner, id, new LogQuery(after, LogParams.streams(ctx), limit));
        long lastSeq = lines.isEmpty() ? after : lines.get(lines.size() - 1).seq();
        ctx.json(new LogPageJson(lines.stream().map(LogLineJson::of).toList(), lastSeq, execution.status().label(),
                execution.isFinal() && lines.size() < limit));
    }
}
