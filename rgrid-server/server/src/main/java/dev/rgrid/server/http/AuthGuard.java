package dev.rgrid.server.http;

import dev.rgrid.server.service.Authenticator;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Locale;

/**
 * Lets a request through to a route that needs a key only with an active API key, sent as
 * {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}; the key's owner goes with the request.
 */
final class AuthGuard implements Handler {
    private static final String HOW = "Send Authorization: Bearer rgk_... (or X-API-Key: rgk_...); "
            + "an operator creates keys with: rgrid-server keys create --name NAME";

    private final Authenticator authenticator;

    AuthGuard(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void handle(Context ctx) {
        if (ctx.routeRoles().contains(Access.OPEN)) return;
        String secret = secret(ctx);
        if (secret == null) throw HttpProblem.unauthorized("An API key is required", HOW);
        ctx.attribute(Requests.PRINCIPAL, authenticator.authenticate(secret).orElseThrow(() ->
                HttpProblem.unauthorized("The API key is not valid (unknown or revoked)", HOW)));
    }

    private static String secret(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return authorization.substring("bearer ".length()).trim();
        }
        String apiKey = ctx.header("X-API-Key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }
}
