package dev.rgrid.worker.files;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.artifact.RelativePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Makes directories under a root one name at a time, refusing to pass through a link or a file. */
final class SafeDirectories {
    private SafeDirectories() {}

    /** {@code root/relative}, made where missing; every step is a real directory, never a link. */
    static Path ensure(Path root, String relative) {
        Path current = root;
        for (String name : RelativePaths.requireSafe(relative).split("/")) {
            current = current.resolve(name);
            try {
                BasicFileAttributes attrs = readNoFollow(current);
                if (attrs == null) {
                    Files.createDirectory(current);
                } else if (!attrs.isDirectory()) {
                    throw new RGridException("input_path_blocked", (attrs.isSymbolicLink() ? "A link" : "A file")
                            + " is in the way of a directory the run needs", RelativePaths.relativize(root, current),
                            "Choose input paths that do not clash with each other or with the script");
                }
            } catch (IOException e) {
                throw new RGridException("input_staging_failed", "A directory could not be made in the work directory",
                        current.toString(), "Check that the worker's work directory is on a local, writable disk", e);
            }
        }
        return current;
    }

    private static BasicFileAttributes readNoFollow(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
