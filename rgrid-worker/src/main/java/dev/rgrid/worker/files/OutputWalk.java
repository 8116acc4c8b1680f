package dev.rgrid.worker.files;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.artifact.RelativePaths;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The regular files under the output directory, in path order, found without following any link; all
 * else (links wherever they point, devices, FIFOs, sockets, unsafe names) is reported and left alone.
 */
final class OutputWalk {
    /** A regular file found: its path relative to the output directory, as the script named it. */
    record Found(Path file, String relative, long size) {}

    private OutputWalk() {}

    static List<Found> regularFiles(Path outputs, String shownAs, Consumer<String> skipped) throws IOException {
        if (!Files.exists(outputs, LinkOption.NOFOLLOW_LINKS)) return List.of();
        if (!Files.isDirectory(outputs, LinkOption.NOFOLLOW_LINKS)) {
            skipped.accept(Skips.notRegular(shownAs, outputs, "outputs must be a directory of regular files"));
            return List.of();
        }
        List<Found> found = new ArrayList<>();
        Files.walkFileTree(outputs, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String relative = RelativePaths.relativize(outputs, file);
                String shown = shownAs + "/" + relative;
                if (!attrs.isRegularFile()) {
                    skipped.accept(Skips.notRegular(shown, file, "outputs are regular files only"));
                    return FileVisitResult.CONTINUE;
                }
                try {
                    RelativePaths.requireSafe(relative);
                    found.add(new Found(file, relative, attrs.size()));
                } catch (InvalidInputException e) {
                    skipped.accept("Output skipped: " + e.value() + " has an unsafe name (" + e.what() + ")");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                skipped.accept("Output skipped: " + shownAs + "/" + RelativePaths.relativize(outputs, file)
                        + " could not be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(Comparator.comparing(Found::relative));
        return found;
    }
}
