package dev.rgrid.worker.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs' working directories under a node's scratch directory: made fresh for each run, deleted after it. */
public final class WorkDirs {
    private static final Logger LOG = LoggerFactory.getLogger(WorkDirs.class);

    private WorkDirs() {}

    /** A new, empty directory under {@code scratch}, named after the execution for whoever looks. */
    public static Path fresh(Path scratch, String executionId) throws IOException {
        Files.createDirectories(scratch);
        return Files.createTempDirectory(scratch, executionId + "-");
    }

    /** Deletes {@code dir} and all it holds (links, not what they point to); a failure is logged, not thrown. */
    public static void deleteQuietly(Path dir) {
        if (dir == null) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete {}: {}", dir, e.getMessage());
        }
    }
}
