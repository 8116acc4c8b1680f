package dev.rgrid.core;

import java.util.Objects;

/**
 * The one unchecked root of RGrid's errors. Every error names what failed, the value at fault and
 * what to do about it, so that each edge (CLI, HTTP, SDK) can show it the same way.
 */
public class RGridException extends RuntimeException {
    private final String code;
    private final String what;
    private final String value;
    private final String hint;

    public RGridException(String code, String what, String value, String hint) {
        this(code, what, value, hint, null);
    }

    public RGridException(String code, String what, String value, String hint, Throwable cause) {
        super(compose(what, value, hint), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.what = Objects.requireNonNull(what, "what");
        this.value = value;
        this.hint = hint;
    }

    /** A stable machine-readable code, such as {@code invalid_limit} or {@code script_not_found}. */
    public String code() { return code; }

    /** What failed, as one sentence. */
    public String what() { return what; }

    /** The value at fault, or null when there is none. */
    public String value() { return value; }

    /** What the user can do about it, or null. */
    public String hint() { return hint; }

    private static String compose(String what, String value, String hint) {
        StringBuilder sb = new StringBuilder(what);
        if (value != null) sb.append(" [value: ").append(value).append(']');
        if (hint != null) sb.append(" — ").append(hint);
        return sb.toString();
    }
}
