package dev.rgrid.sdk.remote;

/**
 * A transient failure about to be retried: retry {@code attempt} of {@code attempts}, after {@code cause}
 * ("connection refused", "HTTP 503").
 */
public record RetryNotice(int attempt, int attempts, String url, String cause) {

    /** {@code Connection lost. Retrying... (attempt 1/5)}, as the CLI prints it. */
    public String message() {
        return "Connection lost. Retrying... (attempt " + attempt + "/" + attempts + ")";
    }
}
