package dev.rgrid.cli;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.Setting;
import dev.rgrid.sdk.remote.RemoteOptions;
import dev.rgrid.sdk.remote.RetryListener;
import java.util.Optional;

/**
 * The RGrid server the CLI uses, when one is configured: {@code RGRID_API_URL} and {@code RGRID_API_KEY},
 * else {@code api_url} and {@code api_key} in {@code $RGRID_HOME/config} (written by `rgrid init`).
 */
public record ServerSettings(ConfigValue url, ConfigValue apiKey) {

    /** The configured server, or empty when none is: then the CLI runs the embedded engine. */
    public static Optional<ServerSettings> from(ConfigSources config) {
        Optional<ConfigValue> url = config.lookup(Setting.API_URL);
        if (url.isEmpty()) return Optional.empty();
        ConfigValue key = config.lookup(Setting.API_KEY).orElseThrow(() -> new InvalidInputException("missing_api_key",
                "An RGrid server is configured but no API key for it", url.get().value() + " (from " + url.get().source() + ")",
                "Set RGRID_API_KEY, or run `rgrid init` to save the server and its key"));
        return Optional.of(new ServerSettings(url.get(), key));
    }

    /** How to reach it; a malformed URL is refused naming where it came from. */
    public RemoteOptions options(RetryListener listener) {
        try {
            return RemoteOptions.builder(url.value(), apiKey.value()).listener(listener).build();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.code(), e.what() + " (from " + url.source() + ")", e.value(), e.hint());
        }
    }
}
