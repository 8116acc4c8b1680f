package dev.rgrid.worker.exec;

import java.nio.file.Path;
import java.util.Objects;

/** A host directory a run sees read-only at {@code target} (in a container), such as its installed dependencies. */
public record ReadOnlyMount(Path source, String target) {
    public ReadOnlyMount {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (!target.startsWith("/")) throw new IllegalArgumentException("a mount target must be absolute: " + target);
    }
}
