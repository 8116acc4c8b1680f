package dev.rgrid.server.http;

import dev.rgrid.core.ConflictException;
import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.RGridException;
import dev.rgrid.core.StoreException;
import dev.rgrid.core.store.StoreOutage;
import dev.rgrid.core.wire.ErrorJson;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a status and the one JSON error body; the only place errors meet HTTP.
 * Unexpected exceptions answer 500 {@code internal_error} and are logged here, never sent.
 */
final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    /** Which spec field a core validation error is about, by its code. */
    private static final Map<String, String> SPEC_FIELDS = Map.ofEntries(
            Map.entry("invalid_limit", "spec.limits"),
            Map.entry("invalid_retries", "spec.max_attempts"),
            Map.entry("requirements_not_an_input", "spec.requirements"),
            Map.entry("invalid_script_name", "spec.script_name"),
            Map.entry("script_too_large", "script"),
            Map.entry("invalid_env", "spec.env"),
            Map.entry("invalid_metadata", "spec.metadata"),
            Map.entry("unknown_runtime", "spec.runtime"),
            Map.entry("unknown_interpreter", "spec.script_name"),
            Map.entry("interpreter_missing", "spec.runtime"),
            Map.entry("container_engine_required", "spec.runtime"),
            Map.entry("container_image_missing", "spec.runtime"));

    private ErrorMapping() {}

    static void register(Javalin app) {
        app.exception(HttpProblem.class, (e, ctx) -> {
            if (e.status() == 401) ctx.header("WWW-Authenticate", "Bearer realm=\"rgrid\"");
            write(ctx, e.status(), ErrorJson.of(e, e.field()));
        });
        app.exception(InvalidInputException.class, (e, ctx) -> write(ctx, 400, ErrorJson.of(e, SPEC_FIELDS.get(e.code()))));
        app.exception(NotFoundException.class, (e, ctx) -> write(ctx, 404, ErrorJson.of(e, null)));
        app.exception(ConflictException.class, (e, ctx) -> write(ctx, 409, ErrorJson.of(e, null)));
        app.exception(StoreException.class, (e, ctx) -> {
            LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            write(ctx, 503, ErrorJson.of(e, null));
        });
        app.exception(RGridException.class, (e, ctx) -> {
            if (SPEC_FIELDS.containsKey(e.code())) {
                write(ctx, 400, ErrorJson.of(e, SPEC_FIELDS.get(e.code())));
            } else if (e.code().endsWith("_unreachable")) {
                LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                write(ctx, 503, ErrorJson.of(e, null));
            } else {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                write(ctx, 500, ErrorJson.of(e, null));
            }
        });
        app.exception(IllegalStateException.class, (e, ctx) -> {
            // Jetty's multipart parser refuses a body without a Content-Length once it passes the limit.
            if (String.valueOf(e.getMessage()).contains("exceeds max")) {
                write(ctx, 413, tooLarge());
            } else {
                internalError(e, ctx);
            }
        });
        app.exception(IllegalArgumentException.class, (e, ctx) -> {
            // Javalin decodes path parameters itself, and a stray '%' there throws from java.net.URLDecoder.
            if (String.valueOf(e.getMessage()).startsWith("URLDecoder")) {
                write(ctx, 400, ErrorJson.of("invalid_path_encoding", "The request path has an invalid %-escape", null,
                        ctx.path(), "Escape '%' as %25 and write each escape as % followed by two hex digits"));
            } else {
                internalError(e, ctx);
            }
        });
        app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(), fromJavalin(e, ctx)));
        app.exception(Exception.class, ErrorMapping::internalError);
    }

    private static void internalError(Exception e, Context ctx) {
        if (StoreOutage.isOutage(e)) {
            LOG.warn("{} {}: the database did not answer: {}", ctx.method(), ctx.path(), e.getMessage());
            write(ctx, 503, ErrorJson.of("store_unavailable", "The server's database did not answer", null, null,
                    "Try again shortly; GET /api/v1/health shows which part is down"));
            return;
        }
        LOG.error("{} {} failed unexpectedly", ctx.method(), ctx.path(), e);
        write(ctx, 500, ErrorJson.of("internal_error", "The server failed to handle this request", null, null,
                "Try again; if it keeps failing, tell the server's operator (the server log has the details)"));
    }

    private static ErrorJson fromJavalin(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> ErrorJson.of("not_found", "No such route", null, ctx.path(), "See GET /api/v1/openapi.yaml for the routes");
            case 405 -> ErrorJson.of(HttpProblem.methodNotAllowed(ctx.method().name(), ctx.path()), null);
            case 413 -> tooLarge();
            default -> ErrorJson.of("http_" + e.getStatus(), e.getMessage(), null, null, null);
        };
    }

    static ErrorJson tooLarge() {
        return ErrorJson.of("request_too_large", "The request is larger than the server accepts", null, null,
                "Send a smaller script; the limit is RGRID_MAX_REQUEST_BYTES on the server");
    }

    static void write(Context ctx, int status, ErrorJson body) {
        ctx.status(status).json(body);
    }
}
