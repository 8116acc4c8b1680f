package dev.rgrid.server.http;

import io.javalin.Javalin;

/** Every route of the API, in one place; {@code openapi.yaml} describes the same set (a test checks both ways). */
final class Routes {
    private Routes() {}

    static void register(Javalin app, ServiceController service, ExecutionController executions, FileController files,
                         LogController logs, LogStreamController logStream, MetricsController metrics) {
        app.get("/", service::root, Access.OPEN);
        app.get("/api/v1/health", service::health, Access.OPEN);
        app.get("/api/v1/openapi.yaml", service::openApi);
        app.get("/api/v1/whoami", service::whoAmI);
        app.get("/api/v1/runtimes", service::runtimes);
        app.get("/api/v1/info", service::info);

        app.post("/api/v1/executions", executions::create);
        app.get("/api/v1/executions", executions::list);
        app.get("/api/v1/executions/{id}", executions::get);
        app.post("/api/v1/executions/{id}/cancel", executions::cancel);
        app.delete("/api/v1/executions/{id}", executions::delete);
        app.get("/api/v1/executions/{id}/attempts", executions::attempts);
        app.get("/api/v1/workers", executions::workers);
        app.get("/api/v1/servers", executions::servers);
        app.get("/api/v1/scale-events", executions::scaleEvents);
        app.get("/api/v1/executions/{id}/outputs", files::outputs);
        app.get("/api/v1/executions/{id}/outputs/<path>", files::output);
        app.get("/api/v1/executions/{id}/logs", logs::page);
        app.get("/api/v1/executions/{id}/logs/stream", logStream::stream);

        app.head("/api/v1/inputs/{sha256}", files::headInput);
        app.put("/api/v1/inputs/{sha256}", files::putInput);

        app.get("/metrics", metrics::scrape);
    }
}
