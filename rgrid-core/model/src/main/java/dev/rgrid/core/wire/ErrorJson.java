package dev.rgrid.core.wire;

import dev.rgrid.core.RGridException;

/**
 * The body of every 4xx and 5xx: {@code {"error": {"code", "message", "field", "value", "hint"}}}.
 * {@code field} names the request field at fault when there is one.
 */
public record ErrorJson(Body error) {
    public record Body(String code, String message, String field, String value, String hint) {}

    public static ErrorJson of(RGridException e, String field) {
        return new ErrorJson(new Body(e.code(), e.what(), field, e.value(), e.hint()));
    }

    public static ErrorJson of(String code, String message, String field, String value, String hint) {
        return new ErrorJson(new Body(code, message, field, value, hint));
    }
}
