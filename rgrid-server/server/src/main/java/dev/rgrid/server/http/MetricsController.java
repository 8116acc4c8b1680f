package dev.rgrid.server.http;

import dev.rgrid.server.metrics.ServerMetrics;
import io.javalin.http.Context;

/** {@code GET /metrics}: the Prometheus text format. */
final class MetricsController {
    private final ServerMetrics metrics;

    MetricsController(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
