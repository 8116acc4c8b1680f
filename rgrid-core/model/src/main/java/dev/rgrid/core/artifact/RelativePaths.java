package dev.rgrid.core.artifact;

import dev.rgrid.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Checks a path a user gave for a file of a run (an input's place, an output's name): relative, in its
 * plain form ({@code data/x.csv}), and unable to reach outside the directory it is resolved against.
 */
public final class RelativePaths {
    public static final int MAX_NAME_BYTES = 255;
    public static final int MAX_PATH_BYTES = 4096;
    private static final String HINT = "Use a relative path of plain names separated by '/', such as data/x.csv";

    private RelativePaths() {}

    /** Returns {@code path} when it is safe; otherwise {@link InvalidInputException} {@code unsafe_path}. */
    public static String requireSafe(String path) {
        if (path == null || path.isEmpty()) throw unsafe("The file path is empty", path);
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw unsafe("The file path is longer than " + MAX_PATH_BYTES + " bytes", path);
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) throw unsafe("The file path contains a control character", path);
            if (c == '\\') throw unsafe("The file path contains a backslash", path);
        }
        if (path.startsWith("/")) throw unsafe("The file path is absolute", path);
        for (String name : path.split("/", -1)) {
            if (name.isEmpty()) throw unsafe("The file path has an empty segment ('//' or a trailing '/')", path);
            if (name.equals("..")) throw unsafe("The file path has a '..' segment", path);
            if (name.equals(".")) throw unsafe("The file path has a '.' segment", path);
            if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw unsafe("A name in the file path is longer than " + MAX_NAME_BYTES + " bytes", path);
            }
        }
        return path;
    }

    /** {@code root} joined with the checked {@code path}; always inside {@code root} (links aside). */
    public static Path resolveUnder(Path root, String path) {
        Path resolved = root.resolve(requireSafe(path)).normalize();
        if (!resolved.startsWith(root.normalize())) throw unsafe("The file path leads outside its directory", path);
        return resolved;
    }

    /** {@code path} relative to {@code root}, '/'-separated, as a script and the records see it. */
    public static String relativize(Path root, Path path) {
        return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    private static InvalidInputException unsafe(String what, String path) {
        return new InvalidInputException("unsafe_path", what, printable(path), HINT);
    }

    /** The value for the message, control characters shown as \\uXXXX and cut to a readable length. */
    private static String printable(String path) {
        if (path == null) return null;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.length() && sb.length() < 300; i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return path.length() > 300 ? sb + "..." : sb.toString();
    }
}
