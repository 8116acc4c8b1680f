package dev.rgrid.core.artifact;

import dev.rgrid.core.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one rule for where a run's files land in its working directory, used by every way in (the embedded engine, the
 * server, the CLI): no two inputs at the same path, none at the script's path (it would replace the script), and no
 * file where another needs a directory ({@code data} and {@code data/x.csv}). Paths are compared as given, after
 * {@link RelativePaths#requireSafe}: plain relative names, so equal places have equal strings.
 */
public final class InputPlaces {
    private InputPlaces() {}

    /** A clash: the input at {@code index} cannot land where it says, because of {@code other} (the script's or an input's path). */
    public record Clash(int index, String path, String other, boolean withScript) {
        public InvalidInputException error() {
            if (withScript && other.equals(path)) {
                return new InvalidInputException("duplicate_input", "An input would land where the script is, replacing it",
                        path, "Give the input another name or directory; the script is " + other);
            }
            if (other.equals(path)) {
                return new InvalidInputException("duplicate_input", "Two inputs would land at the same place", path,
                        "Give each input its own path");
            }
            return new InvalidInputException("duplicate_input", "An input would need a directory where "
                    + (withScript ? "the script" : "another input") + " is a file (" + other + ")", path,
                    "Give one of them another name or directory");
        }
    }

    /** The first input of {@code paths} that clashes with the script or an earlier input; null when none does. */
    public static Clash firstClash(String scriptName, List<String> paths) {
        Map<String, Integer> files = new HashMap<>(); // path -> index of the input there, -1 for the script
        Map<String, String> directories = new HashMap<>(); // a directory some file needs -> that file's path
        place(scriptName, -1, files, directories);
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            Integer there = files.get(path);
            if (there != null) return new Clash(i, path, path, there < 0);
            String needing = directories.get(path);
            if (needing != null) return new Clash(i, path, needing, files.get(needing) < 0);
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                Integer file = files.get(path.substring(0, slash));
                if (file != null) return new Clash(i, path, path.substring(0, slash), file < 0);
            }
            place(path, i, files, directories);
        }
        return null;
    }

    private static void place(String path, int index, Map<String, Integer> files, Map<String, String> directories) {
        files.put(path, index);
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            directories.putIfAbsent(path.substring(0, slash), path);
        }
    }

    /** Refuses {@code paths} when any clashes: {@link InvalidInputException} {@code duplicate_input} naming it. */
    public static void requireDistinct(String scriptName, List<String> paths) {
        Clash clash = firstClash(scriptName, paths);
        if (clash != null) throw clash.error();
    }
}
