package dev.rgrid.server.http;

import dev.rgrid.engine.Engine;
import dev.rgrid.server.http.json.EngineInfoJson;
import dev.rgrid.server.http.json.RuntimesJson;
import dev.rgrid.server.http.json.ServiceJson;
import dev.rgrid.server.http.json.WhoAmIJson;
import dev.rgrid.server.service.HealthReport;
import dev.rgrid.server.service.HealthService;
import dev.rgrid.server.service.Principal;
import io.javalin.http.Context;

/** The routes about the server itself: name and version, health, its API description, the caller's key. */
final class ServiceController {
    private final String version;
    private final String openApiYaml;
    private final HealthService health;
    private final Engine engine;

    ServiceController(String version, String openApiYaml, HealthService health, Engine engine) {
        this.version = version;
        this.openApiYaml = openApiYaml;
        this.health = health;
        this.engine = engine;
    }

    void root(Context ctx) {
        ctx.json(new ServiceJson("rgrid", version));
    }

    void health(Context ctx) {
        HealthReport report = health.check();
        ctx.status(report.healthy() ? 200 : 503).json(report);
    }

    void openApi(Context ctx) {
        ctx.contentType("application/yaml").result(openApiYaml);
    }

    void whoAmI(Context ctx) {
        Principal p = Requests.principal(ctx);
        ctx.json(new WhoAmIJson(p.owner(), p.keyName()));
    }

    void runtimes(Context ctx) {
        ctx.json(RuntimesJson.of(engine.runtimes()));
    }

    void info(Context ctx) {
        ctx.json(EngineInfoJson.of(engine.info()));
    }
}
