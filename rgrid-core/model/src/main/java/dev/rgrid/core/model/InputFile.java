package dev.rgrid.core.model;

import dev.rgrid.core.artifact.RelativePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A local file to send with a run: {@code source} on this machine is placed at {@code path} (relative to
 * the run's working directory, where the script is) before the script starts.
 */
public record InputFile(String path, Path source) {
    public InputFile {
        RelativePaths.requireSafe(path);
        Objects.requireNonNull(source, "source");
        if (!Files.isRegularFile(source)) {
            throw new dev.rgrid.core.InvalidInputException("input_not_found", "An input file does not exist or is not a file",
                    source.toAbsolutePath().toString(), "Check the path; directories are sent with --input DIR");
        }
    }
}
