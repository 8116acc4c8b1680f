package dev.rgrid.server;

import dev.rgrid.core.auth.ApiKeyCache;
import dev.rgrid.core.store.ExecutionStore;
import dev.rgrid.engine.Engine;
import dev.rgrid.server.config.ServerConfig;
import dev.rgrid.server.http.Route;
import dev.rgrid.server.http.ServerApp;
import dev.rgrid.server.http.ServerServices;
import dev.rgrid.server.metrics.ServerMetrics;
import dev.rgrid.server.service.Authenticator;
import dev.rgrid.server.service.HealthService;
import dev.rgrid.engine.QueueDispatcher;
import dev.rgrid.server.service.SubmissionService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A running server: the engine (migrated database, Ray, Docker), the services over it, and the HTTP app. */
public final class RGridServer implements AutoCloseable {
    private final Engine engine;
    private final HealthService health;
    private final ServerMetrics metrics;
    private final QueueDispatcher dispatcher;
    private final ServerApp app;
    private final int port;
    private final ApiKeyCache keyCache;

    private RGridServer(ServerConfig config, Engine engine) {
        this.engine = engine;
        Clock clock = config.engineOptions().clock();
        ExecutionStore store = engine.database().executions();
        this.health = new HealthService(engine.database()::isReachable, engine::executorReachable,
                engine.info().isolated(), engine::rayUp, engine.artifacts(), config.healthTimeout());
        this.metrics = new ServerMetrics(store, clock);
        metrics.scale(engine.database().servers(), engine.scaleMetrics());
        // A resident engine takes its home's secret; a team server its API keys, remembered while told of revocations.
        this.keyCache = config.localSecret().isPresent() ? null
                : new ApiKeyCache(engine.apiKeys(), engine.database()::openUnpooled);
        Authenticator authenticator = keyCache == null ? Authenticator.localSecret(config.localSecret().get())
                : new Authenticator(keyCache, clock);
        ServerServices services = new ServerServices(engine, authenticator,
                new SubmissionService(engine, metrics), health, metrics, Version.current(), openApiYaml());
        this.app = new ServerApp(config, services);
        try {
            this.port = app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            if (keyCache != null) keyCache.close();
            throw e;
        }
        this.dispatcher = config.dispatch() ? new QueueDispatcher(engine) : null;
    }

    /** Opens the engine on the configured database (migrating it) and starts listening. */
    public static RGridServer start(ServerConfig config) {
        Engine engine = Engine.open(config.engineOptions());
        try {
            return new RGridServer(config, engine);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    public int port() { return port; }

    /** The engine it serves, for what runs beside the HTTP app (a resident engine's idle watch). */
    public Engine engine() { return engine; }

    /** How long since a request was last answered. */
    public Duration sinceLastRequest() { return metrics.sinceLastRequest(); }

    /**
     * Stops taking queued runs, lets those it runs end, then closes: how a resident engine that another took over
     * from leaves, with nothing lost. Returns once they ended or {@code patience} passed (the rest are cancelled).
     */
    public void retire(Duration patience) {
        if (dispatcher != null) dispatcher.close();
        engine.awaitRunsEnded(patience);
        close();
    }

    public List<Route> routes() { return app.routes(); }

    /** The API description served at {@code /api/v1/openapi.yaml}. */
    public static String openApiYaml() {
        try (InputStream in = RGridServer.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) throw new IllegalStateException("openapi.yaml is missing from the server's jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops listening, then closes the engine (runs in flight are cancelled). */
    @Override
    public void close() {
        try {
            app.close();
        } finally {
            if (dispatcher != null) dispatcher.close();
            metrics.close();
            health.close();
            if (keyCache != null) keyCache.close();
            engine.close();
        }
    }
}
