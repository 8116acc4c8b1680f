package dev.rgrid.worker.deps;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.Quantities;
import dev.rgrid.core.config.Setting;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where this node keeps installed dependencies, how much of them, and where packages come from. Immutable;
 * {@link #from} reads it once at the edge, {@link #builder} makes one in code.
 *
 * @param cacheDir         the cache's directory, {@code $RGRID_HOME/deps} by default
 * @param maxBytes         the most bytes of installed environments kept; more evicts the least recently used
 * @param pipIndexUrl      pip's {@code --index-url}, or null for the image's own pip settings
 * @param pipExtraIndexUrl pip's {@code --extra-index-url}s, space separated, or null
 * @param pipTrustedHost   pip's {@code --trusted-host}s, space separated, or null
 * @param npmRegistry      npm's {@code --registry}, or null for npm's default
 */
public record DependencySettings(Path cacheDir, long maxBytes, String pipIndexUrl, String pipExtraIndexUrl,
                                 String pipTrustedHost, String npmRegistry) {
    public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024 * 1024;
    public static final String DIRECTORY = "deps";

    public DependencySettings {
        Objects.requireNonNull(cacheDir, "cacheDir");
        if (maxBytes <= 0) {
            throw new InvalidInputException("invalid_deps_cache_size", "The dependency cache size must be positive",
                    Long.toString(maxBytes), "Set RGRID_DEPS_CACHE_MAX_BYTES to a size like 5g");
        }
        cacheDir = cacheDir.toAbsolutePath();
    }

    /** The defaults under {@code home}, with what the environment or config file sets instead. */
    public static DependencySettings from(ConfigSources sources) {
        return builder(sources.home().resolve(DIRECTORY))
                .maxBytes(sources.lookup(Setting.DEPS_CACHE_MAX_BYTES)
                        .map(v -> Quantities.bytes("dependency cache size", v)).orElse(DEFAULT_MAX_BYTES))
                .pipIndexUrl(text(sources.lookup(Setting.PIP_INDEX_URL)))
                .pipExtraIndexUrl(text(sources.lookup(Setting.PIP_EXTRA_INDEX_URL)))
                .pipTrustedHost(text(sources.lookup(Setting.PIP_TRUSTED_HOST)))
                .npmRegistry(text(sources.lookup(Setting.NPM_REGISTRY)))
                .build();
    }

    private static String text(Optional<ConfigValue> value) {
        return value.map(ConfigValue::value).orElse(null);
    }

    public static Builder builder(Path cacheDir) { return new Builder(cacheDir); }

    public static final class Builder {
        private final Path cacheDir;
        private long maxBytes = DEFAULT_MAX_BYTES;
        private String pipIndexUrl;
        private String pipExtraIndexUrl;
        private String pipTrustedHost;
        private String npmRegistry;

        private Builder(Path cacheDir) { this.cacheDir = cacheDir; }

        public Builder maxBytes(long value) { maxBytes = value; return this; }
        public Builder pipIndexUrl(String value) { pipIndexUrl = value; return this; }
        public Builder pipExtraIndexUrl(String value) { pipExtraIndexUrl = value; return this; }
        public Builder pipTrustedHost(String value) { pipTrustedHost = value; return this; }
        public Builder npmRegistry(String value) { npmRegistry = value; return this; }

        public DependencySettings build() {
            return new DependencySettings(cacheDir, maxBytes, pipIndexUrl, pipExtraIndexUrl, pipTrustedHost, npmRegistry);
        }
    }
}
