package dev.rgrid.server.http;

import io.javalin.security.RouteRole;

/** Who may call a route: anyone ({@link #OPEN}), or only a request with an active API key (the default). */
public enum Access implements RouteRole {
    OPEN
}
