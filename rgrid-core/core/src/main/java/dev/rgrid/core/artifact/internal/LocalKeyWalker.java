package dev.rgrid.core.artifact.internal;

import dev.rgrid.core.StoreException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the keys under a prefix by walking only the directory the prefix names, never following
 * links and never entering the store's own dot-directories.
 */
final class LocalKeyWalker {
    private LocalKeyWalker() {}

    /** Keys starting with {@code prefix}, in key order. */
    static List<String> keys(Path root, String prefix) {
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) return List.of();
        List<String> keys = new ArrayList<>();
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    boolean hidden = root.equals(dir.getParent()) && dir.getFileName().toString().startsWith(".");
                    return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (!attributes.isRegularFile()) return FileVisitResult.CONTINUE;
                    String key = keyOf(root, file);
                    if (key.startsWith(prefix) && !key.startsWith(".")) keys.add(key);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // removed while we walked
                }
            });
        } catch (IOException e) {
            throw new StoreException("The artifact directory cannot be listed", start.toString(),
                    "Check that it exists and is readable (" + e + ")", e);
        }
        keys.sort(String::compareTo);
        return keys;
    }

    private static String keyOf(Path root, Path file) {
        Path relative = root.relativize(file);
        StringBuilder key = new StringBuilder();
        for (Path part : relative) {
            if (key.length() > 0) key.append('/');
            key.append(part);
        }
        return key.toString();
    }
}
