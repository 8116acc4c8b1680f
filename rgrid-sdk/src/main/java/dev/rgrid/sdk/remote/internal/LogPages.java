package dev.rgrid.sdk.remote.internal;

import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.wire.LogLineJson;
import dev.rgrid.sdk.LogQuery;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code /logs} a page at a time until the query's limit is reached or the lines run out. */
final class LogPages {
    /** Most log lines the server gives per request. */
    static final int MAX_PAGE = 10_000;

    private LogPages() {}

    /** Lines after {@code query.afterSeq()}, at most {@code query.limit()}; called only for a non-empty stream set. */
    static List<LogLine> read(Transport transport, String id, LogQuery query) {
        StreamChoice streams = StreamChoice.of(query.streams());
        List<LogLine> lines = new ArrayList<>();
        long after = query.afterSeq();
        while (lines.size() < query.limit()) {
            int ask = Math.min(query.limit() - lines.size(), MAX_PAGE);
            Pages.LogPage page = transport.get(Paths.execution(id) + "/logs?stream=" + streams.param() + "&after=" + after
                    + "&limit=" + ask, Pages.LogPage.class);
            for (LogLineJson json : page.lines()) {
                after = json.seq();
                LogLine line = json.toLogLine();
                if (streams.accepts(line.stream())) lines.add(line);
            }
            if (page.lines().size() < ask) break;
        }
        return lines;
    }
}
