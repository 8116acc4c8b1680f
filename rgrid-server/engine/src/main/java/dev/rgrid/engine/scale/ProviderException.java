package dev.rgrid.engine.scale;

/**
 * A provider's refusal or failure, with its own code ({@code rate_limit_exceeded}, {@code resource_unavailable}, ...)
 * and whether trying again later may work.
 */
public final class ProviderException extends RuntimeException {
    private final String code;
    private final boolean transientFailure;

    public ProviderException(String code, String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.transientFailure = transientFailure;
    }

    public ProviderException(String code, String message, boolean transientFailure) {
        this(code, message, transientFailure, null);
    }

    public String code() { return code; }
}
