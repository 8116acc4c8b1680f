package dev.rgrid.cli.resident;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class path of the resident engine: the engine's hundred jars, which commands themselves never load. The launcher
 * runs commands on the client's own jars and names, in {@link #PROPERTY}, the file that lists the engine's (built
 * beside the CLI's jar, entries relative to it); without it (tests, an IDE) everything is on this process's class path,
 * and that is the engine's too.
 */
public final class EngineClassPath {
    /** The system property naming the list (target/engine.classpath). */
    public static final String PROPERTY = "rgrid.engine.classpath";

    private EngineClassPath() {}

    /** The engine's class path, in the form {@code -cp} takes. */
    public static String get() {
        return String.join(File.pathSeparator, entries());
    }

    /** Whether commands run without the engine's classes: the launcher's client-only class path. */
    public static boolean separate() {
        return System.getProperty(PROPERTY) != null;
    }

    /** The engine's class path entries as URLs, for a class loader. */
    public static URL[] urls() {
        List<URL> urls = new ArrayList<>();
        for (String entry : entries()) {
            try {
                urls.add(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException("not a class path entry: " + entry, e);
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static List<String> entries() {
        String listed = System.getProperty(PROPERTY);
        if (listed == null) return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        Path file = Path.of(listed).toAbsolutePath();
        try {
            List<String> entries = new ArrayList<>();
            for (String entry : Files.readString(file, StandardCharsets.UTF_8).trim().split(File.pathSeparator)) {
                if (!entry.isEmpty()) entries.add(file.resolveSibling(entry).normalize().toString());
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("The engine's class path list " + file + " cannot be read; rebuild: "
                    + "mvn -B -DskipTests install -pl rgrid-cli -am", e);
        }
    }
}
