package dev.rgrid.core.artifact;

import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.Setting;
import dev.rgrid.core.artifact.internal.LocalArtifactStore;
import dev.rgrid.core.artifact.internal.S3ArtifactStore;
import java.nio.file.Path;
import java.util.Optional;

/** Opens the artifact store configuration names; called once at the edge. */
public final class ArtifactStores {
    /** Under the RGrid home, where the embedded default keeps artifacts. */
    public static final String LOCAL_DIRECTORY = "artifacts";

    private ArtifactStores() {}

    /**
     * S3 when {@code RGRID_S3_ENDPOINT} is set (access and secret key are then required), else a
     * directory {@code <RGRID_HOME>/artifacts}. Bad settings are refused with an
     * {@link dev.rgrid.core.InvalidInputException} naming them; an S3 server that cannot be reached or
     * refuses the keys with a {@link dev.rgrid.core.StoreException}.
     */
    public static ArtifactStore open(ConfigSources sources) {
        Optional<S3Settings> s3 = s3Settings(sources);
        if (s3.isPresent()) return new S3ArtifactStore(s3.get());
        return new LocalArtifactStore(localDirectory(sources));
    }

    public static Path localDirectory(ConfigSources sources) {
        return sources.home().resolve(LOCAL_DIRECTORY);
    }

    /** The S3 settings when an endpoint is configured; empty for the local store. */
    public static Optional<S3Settings> s3Settings(ConfigSources sources) {
        Optional<ConfigValue> endpoint = sources.lookup(Setting.S3_ENDPOINT);
        if (endpoint.isEmpty()) return Optional.empty();
        S3Settings.Builder builder = S3Settings.builder()
                .endpoint(endpoint.get().value())
                .credentials(value(sources, Setting.S3_ACCESS_KEY), value(sources, Setting.S3_SECRET_KEY));
        sources.lookup(Setting.S3_BUCKET).ifPresent(v -> builder.bucket(v.value()));
        sources.lookup(Setting.S3_REGION).ifPresent(v -> builder.region(v.value()));
        return Optional.of(builder.build());
    }

    private static String value(ConfigSources sources, Setting setting) {
        return sources.lookup(setting).map(ConfigValue::value).orElse(null);
    }
}
