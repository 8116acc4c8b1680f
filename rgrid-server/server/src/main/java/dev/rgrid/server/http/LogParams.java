package dev.rgrid.server.http;

import dev.rgrid.core.model.LogStream;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The log routes' parameters: {@code stream}, and where to resume ({@code Last-Event-ID} or {@code after}). */
final class LogParams {
    private LogParams() {}

    /** stdout, stderr, both (stdout and stderr) or all (adds RGrid's own lines; the default). */
    static Set<LogStream> streams(Context ctx) {
        String text = ctx.queryParam("stream");
        if (text == null || text.isBlank()) return EnumSet.allOf(LogStream.class);
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "stdout" -> EnumSet.of(LogStream.STDOUT);
            case "stderr" -> EnumSet.of(LogStream.STDERR);
            case "both" -> EnumSet.of(LogStream.STDOUT, LogStream.STDERR);
            case "all" -> EnumSet.allOf(LogStream.class);
            default -> throw HttpProblem.badRequest("stream", "invalid_stream", "Unknown log stream", text,
                    "Use stdout, stderr, both (stdout and stderr) or all (adds RGrid's own lines)");
        };
    }

    /** The last sequence number the client has: {@code Last-Event-ID} when it reconnects, else {@code after}. */
    static long after(Context ctx) {
        String lastEventId = ctx.header("Last-Event-ID");
        if (lastEventId == null || lastEventId.isBlank()) return Requests.longParam(ctx, "after", 0, 0, Long.MAX_VALUE);
        try {
            long seq = Long.parseLong(lastEventId.trim());
            if (seq >= 0) return seq;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw HttpProblem.badRequest("Last-Event-ID", "invalid_parameter", "Last-Event-ID is not a log sequence number",
                lastEventId, "Send the id of the last log event received, or leave the header out to start from the beginning");
    }
}
