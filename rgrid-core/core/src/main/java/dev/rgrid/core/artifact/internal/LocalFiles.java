package dev.rgrid.core.artifact.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** File-system steps the local store needs: durable writes, atomic moves, tidy directories. */
final class LocalFiles {
    private LocalFiles() {}

    /** Forces a file's content to disk. */
    static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Moves {@code from} onto {@code to} in one step, replacing what is there, and makes the rename durable. */
    static void moveAtomically(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(to.getParent());
    }

    /** Best effort: not every file system lets a directory be opened to force it. */
    static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the rename itself is atomic; only its durability across a power cut is weaker
        }
    }

    /** Removes the empty directories from {@code directory} up to, not including, {@code stop}. */
    static void pruneEmpty(Path directory, Path stop) {
        for (Path dir = directory; dir != null && dir.startsWith(stop) && !dir.equals(stop); dir = dir.getParent()) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                if (e instanceof DirectoryNotEmptyException) return;
            } catch (IOException e) {
                return;
            }
        }
    }
}
