package dev.rgrid.server.http;

import dev.rgrid.engine.Engine;
import dev.rgrid.server.metrics.ServerMetrics;
import dev.rgrid.server.service.Authenticator;
import dev.rgrid.server.service.HealthService;
import dev.rgrid.server.service.SubmissionService;

/** What the HTTP layer calls; built by the server, handed to the controllers through their constructors. */
public record ServerServices(Engine engine, Authenticator authenticator, SubmissionService submissions,
                             HealthService health, ServerMetrics metrics, String version, String openApiYaml) {}
