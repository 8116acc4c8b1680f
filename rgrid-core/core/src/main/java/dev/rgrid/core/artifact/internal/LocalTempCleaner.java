package dev.rgrid.core.artifact.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;

/** Removes temp files that uploads cut off by a crash left behind. */
final class LocalTempCleaner {
    private LocalTempCleaner() {}

    /** Deletes the files in {@code directory} last modified before {@code cutoff}; returns how many. */
    static int removeOlderThan(Path directory, Instant cutoff) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                try {
                    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)
                            && Files.deleteIfExists(file)) {
                        removed++;
                    }
                } catch (IOException e) {
                    // another process may be cleaning too; what is left is tried at the next open
                }
            }
        } catch (IOException e) {
            // cleaning is best effort; the store works without it
        }
        return removed;
    }
}
