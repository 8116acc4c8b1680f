package dev.rgrid.worker.deps;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A dependency manifest as it is installed and keyed: for pip the normalised requirements (lines trimmed,
 * comments and blank lines dropped, sorted), for npm package.json and package-lock.json as they are.
 *
 * @param kind  pip or npm
 * @param path  where it is in the run's working directory, as the user named it
 * @param files what the installer gets, by file name: {@code requirements.txt}, or {@code package.json}
 *              and, when there is one, {@code package-lock.json}
 */
public record Manifest(DependencyKind kind, String path, Map<String, byte[]> files) {
    public static final String REQUIREMENTS = "requirements.txt";

    public Manifest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        files = Map.copyOf(files);
    }

    /** Whether npm installs exactly what the lock file names ({@code npm ci}). */
    public boolean locked() { return files.containsKey(DependencyKind.PACKAGE_LOCK); }

    /** What the cache key covers besides the image: the kind and every file, in a fixed order. */
    byte[] keyMaterial() {
        StringBuilder text = new StringBuilder(kind.name()).append('\n');
        files.keySet().stream().sorted().forEach(name -> text.append(name).append('\n')
                .append(new String(files.get(name), StandardCharsets.UTF_8)).append('\0'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
