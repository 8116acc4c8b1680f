package dev.rgrid.server.http;

import dev.rgrid.server.service.Principal;
import io.javalin.http.Context;

/** Small readers of request parts shared by the controllers; each refusal names the field at fault. */
final class Requests {
    static final String PRINCIPAL = "rgrid.principal";

    private Requests() {}

    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) throw new IllegalStateException("route reached without authentication: " + ctx.path());
        return p;
    }

    static String owner(Context ctx) {
        return principal(ctx).owner();
    }

    static int intParam(Context ctx, String name, int defaultValue, int min, int max) {
        return (int) longParam(ctx, name, defaultValue, min, max);
    }

    static long longParam(Context ctx, String name, long defaultValue, long min, long max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) return defaultValue;
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) return value;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw HttpProblem.badRequest(name, "invalid_parameter", "The " + name + " parameter is not valid", text,
                "Give a whole number from " + min + " to " + max);
    }
}
