package dev.rgrid.server.http;

import dev.rgrid.core.wire.WireJson;
import dev.rgrid.server.config.ServerConfig;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import dev.rgrid.core.artifact.FileLimits;
import java.time.Clock;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The Javalin app: JSON through the shared wire mapper, request size limits, API-key authentication,
 * the routes of {@link Routes}, and errors through {@link ErrorMapping}. Not started here.
 */
public final class ServerApp implements AutoCloseable {
    private final Javalin javalin;
    private final List<Route> routes = Collections.synchronizedList(new ArrayList<>());
    private final LogStreamController logStream;

    public ServerApp(ServerConfig config, ServerServices services) {
        this.logStream = new LogStreamController(services.engine(), config.sseHeartbeat());
        this.javalin = Javalin.create(c -> configure(c, config, services));
        long max = config.maxRequestBytes();
        javalin.before(ctx -> {
            services.metrics().requestStarted();
            // Javalin answers HEAD on any GET route with 200 without running it (even for an id that does not exist):
            // only the routes that declare HEAD take it, so an answer never claims what the GET would not.
            if (ctx.method() == HandlerType.HEAD && !ctx.path().startsWith("/api/v1/inputs/")) {
                throw HttpProblem.methodNotAllowed("HEAD", ctx.path());
            }
            // An input upload streams to the store, so the per-file limit applies to it instead (FileController).
            if (ctx.contentLength() > max && !isInputUpload(ctx)) throw HttpProblem.tooLarge(max, ctx.contentLength() + " bytes");
        });
        javalin.beforeMatched(new AuthGuard(services.authenticator()));
        ErrorMapping.register(javalin);
        FileController files = new FileController(services.engine(), FileLimits.from(config.sources()), Clock.systemUTC());
        Routes.register(javalin,
                new ServiceController(services.version(), services.openApiYaml(), services.health(), services.engine()),
                new ExecutionController(services.engine(), services.submissions(), files), files,
                new LogController(services.engine()), logStream, new MetricsController(services.metrics()));
    }

    private void configure(JavalinConfig c, ServerConfig config, ServerServices services) {
        c.showJavalinBanner = false;
        c.startupWatcherEnabled = false;
        c.jsonMapper(new JavalinJackson(WireJson.mapper(), false));
        c.http.prefer405over404 = true;
        JsonErrorHandler errors = new JsonErrorHandler();
        c.jetty.modifyServer(server -> server.setErrorHandler(errors));
        // Jetty holds a request with a body until its first bytes arrive; a client that waits for an answer to its
        // headers (a refused 50 GB upload, Expect-less) then saw nothing until the idle timeout. Dispatch at once.
        c.jetty.modifyHttpConfiguration(http -> http.setDelayDispatchUntilContent(false));
        c.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(errors));
        c.http.maxRequestSize = config.maxRequestBytes();
        c.jetty.multipartConfig.maxTotalRequestSize(config.maxRequestBytes(), SizeUnit.BYTES);
        c.jetty.multipartConfig.maxFileSize(config.maxRequestBytes(), SizeUnit.BYTES);
        c.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
        c.events.handlerAdded(h -> {
            // A wildcard parameter (<path>, may hold '/') is written {path} in openapi.yaml.
            if (h.getHttpMethod().isHttpMethod()) {
                routes.add(new Route(h.getHttpMethod().name(), h.getPath().replace('<', '{').replace('>', '}')));
            }
        });
        c.requestLogger.http((ctx, ms) -> services.metrics().httpRequest(ctx.method().name(), routeOf(ctx),
                ctx.statusCode(), Duration.ofNanos((long) (ms * 1_000_000))));
    }

    private static boolean isInputUpload(Context ctx) {
        return ctx.method() == HandlerType.PUT && ctx.path().startsWith("/api/v1/inputs/");
    }

    private static String routeOf(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            return path == null || path.isEmpty() ? "unmatched" : path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    /** Every method and path registered with Javalin. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** Starts listening; port 0 takes any free port. Returns the port. */
    public int start(String host, int port) {
        javalin.start(host, port);
        return javalin.port();
    }

    @Override
    public void close() {
        logStream.close(); // open live-log streams end first, so stopping does not wait on them
        javalin.stop();
    }
}
