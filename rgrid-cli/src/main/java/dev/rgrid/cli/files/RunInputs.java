package dev.rgrid.cli.files;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.artifact.InputPlaces;
import dev.rgrid.core.artifact.RelativePaths;
import dev.rgrid.core.model.InputFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files a run takes along, and the arguments its script then gets. An argument naming an existing local
 * file is sent: under the script's directory it keeps its place relative to it ({@code data/x.csv}), anywhere
 * else it lands at the top level under its file name; either way the argument becomes that place. Each
 * {@code --input} adds a file, or every regular file under a directory (symbolic links are never followed:
 * they are skipped with a note), without touching the arguments.
 *
 * <p>The dependency manifest goes along too: {@code --requirements FILE}, else a {@code requirements.txt}
 * (Python) or {@code package.json} (Node, with {@code package-lock.json} when there is one) beside the script.
 *
 * @param args         the script's arguments, those naming files rewritten to where the files lie in the run
 * @param inputs       the files to send, each once
 * @param requirements where the dependency manifest lies in the run; null when there is none
 */
public record RunInputs(List<String> args, List<InputFile> inputs, String requirements) {
    public static final String PIP_MANIFEST = "requirements.txt";
    public static final String NPM_MANIFEST = "package.json";
    public static final String NPM_LOCK = "package-lock.json";

    /** How the manifest is found: given, looked for beside the script, or not at all ({@code --no-requirements}). */
    public record Manifest(String given, boolean lookBesideScript, boolean node) {
        public static final Manifest NONE = new Manifest(null, false, false);
    }

    /**
     * @param workingDir where relative arguments and {@code --input} paths start
     * @param script     the script file, absolute
     * @param args       the arguments as given
     * @param extra      the {@code --input} paths as given
     * @param notes      where notes on skipped files go
     */
    public static RunInputs resolve(Path workingDir, Path script, List<String> args, List<String> extra, PrintWriter notes) {
        return resolve(workingDir, script, args, extra, Manifest.NONE, notes);
    }

    /** As above, with the dependency manifest found as {@code manifest} says. */
    public static RunInputs resolve(Path workingDir, Path script, List<String> args, List<String> extra, Manifest manifest,
                                    PrintWriter notes) {
        Collector collector = new Collector(script, notes);
        List<String> rewritten = new ArrayList<>(args.size());
        for (String arg : args) {
            Path file = existingFile(workingDir, arg);
            rewritten.add(file == null ? arg : collector.add(file, collector.placeOf(file)));
        }
        for (String given : extra) collector.addGiven(workingDir, given);
        String requirements = manifest(workingDir, script, manifest, collector);
        return new RunInputs(List.copyOf(rewritten), collector.inputs(), requirements);
    }

    private static String manifest(Path workingDir, Path script, Manifest manifest, Collector collector) {
        if (manifest.given() != null) {
            Path file = workingDir.resolve(manifest.given()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("requirements_not_found", "The requirements file does not exist",
                        file.toString(), "Check the path given to --requirements; relative paths start at the current directory");
            }
            String place = collector.placeOf(file);
            collector.add(file, place);
            if (file.getFileName().toString().equals(NPM_MANIFEST)) addLockBeside(file, collector);
            return place;
        }
        if (!manifest.lookBesideScript()) return null;
        Path beside = script.resolveSibling(manifest.node() ? NPM_MANIFEST : PIP_MANIFEST);
        if (!Files.isRegularFile(beside)) return null;
        String place = collector.add(beside, collector.placeOf(beside));
        if (manifest.node()) addLockBeside(beside, collector);
        return place;
    }

    private static void addLockBeside(Path packageJson, Collector collector) {
        Path lock = packageJson.resolveSibling(NPM_LOCK);
        if (Files.isRegularFile(lock)) {
            String place = collector.placeOf(packageJson);
            int slash = place.lastIndexOf('/');
            collector.add(lock, (slash < 0 ? "" : place.substring(0, slash + 1)) + NPM_LOCK);
        }
    }

    /** The regular file {@code arg} names, absolute; null when it names none (an option, a word, a directory). */
    private static Path existingFile(Path workingDir, String arg) {
        if (arg.isEmpty()) return null;
        try {
            Path path = workingDir.resolve(arg).toAbsolutePath().normalize();
            return Files.isRegularFile(path) ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Places files; refuses, by core's one rule ({@link InputPlaces}), files that would clash in the run. */
    private static final class Collector {
        private final Path script;
        private final Path scriptDir;
        private final PrintWriter notes;
        private final List<String> places = new ArrayList<>();
        private final List<Path> files = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();

        Collector(Path script, PrintWriter notes) {
            this.script = script;
            this.scriptDir = script.getParent();
            this.notes = notes;
        }

        /** Where a file given on its own lies in the run: its place under the script's directory, else its name. */
        String placeOf(Path file) {
            return file.startsWith(scriptDir) ? RelativePaths.relativize(scriptDir, file) : file.getFileName().toString();
        }

        /** Adds {@code file} at {@code place} (once, however often it is named; the script is there already). */
        String add(Path file, String place) {
            if (file.equals(script)) return place;
            if (seen.add(place + '\0' + file)) {
                places.add(place);
                files.add(file);
            }
            return place;
        }

        void addGiven(Path workingDir, String given) {
            Path path;
            try {
                path = workingDir.resolve(given).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw notFound(given, workingDir.toAbsolutePath() + "/" + given);
            }
            if (Files.isRegularFile(path)) {
                add(path, placeOf(path));
            } else if (Files.isDirectory(path)) {
                addDirectory(path);
            } else {
                throw notFound(given, path.toString());
            }
        }

        private void addDirectory(Path dir) {
            boolean underScript = dir.startsWith(scriptDir);
            String prefix = dir.getFileName() == null ? "" : dir.getFileName() + "/";
            try {
                Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            add(file, underScript ? RelativePaths.relativize(scriptDir, file)
                                    : prefix + RelativePaths.relativize(dir, file));
                        } else {
                            notes.println("Skipped " + file + ": " + (attrs.isSymbolicLink()
                                    ? "symbolic links are not followed" : "not a regular file"));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the input directory " + dir, e);
            }
            notes.flush();
        }

        List<InputFile> inputs() {
            InputPlaces.Clash clash = InputPlaces.firstClash(script.getFileName().toString(), places);
            if (clash != null) throw refusal(clash);
            List<InputFile> inputs = new ArrayList<>(places.size());
            for (int i = 0; i < places.size(); i++) inputs.add(new InputFile(places.get(i), files.get(i)));
            return List.copyOf(inputs);
        }

        /** Core's refusal, naming the local files at fault and how to part them. */
        private InvalidInputException refusal(InputPlaces.Clash clash) {
            InvalidInputException rule = clash.error();
            String other = clash.withScript() ? "the script " + script : files.get(places.indexOf(clash.other())).toString();
            return new InvalidInputException(rule.code(), rule.what(), files.get(clash.index()) + " (in the run: "
                    + clash.path() + ") and " + other, "Rename one of them, or place it with --input DIR; files under the "
                    + "script's directory (" + scriptDir + ") keep their layout");
        }

        private static InvalidInputException notFound(String given, String tried) {
            return new InvalidInputException("input_not_found", "The input file or directory does not exist", tried,
                    "Check the path given to --input (" + given + "); relative paths start at the current directory");
        }
    }
}
