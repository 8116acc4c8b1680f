package dev.rgrid.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path a Ray cluster's driver runs with: the cluster's ray_dist.jar first, then this JVM's class path
 * without Maven's Ray jars, every entry an absolute path to a real file. bench/run starts the bench from a jar
 * whose manifest names its dependencies; those are listed here one by one, since the nodes' Java workers load
 * RGrid from the driver's class path and follow no manifest.
 */
final class DriverClassPath {
    private DriverClassPath() {}

    static String of(Path rayDistJar) throws IOException {
        List<String> entries = new ArrayList<>(List.of(rayDistJar.toAbsolutePath().toString()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            for (Path path : expand(Path.of(entry).toAbsolutePath())) {
                String name = path.getFileName().toString();
                if (name.startsWith("ray-api-") || name.startsWith("ray-runtime-")) continue;
                if (!entries.contains(path.toString())) entries.add(path.toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The entry itself, then what its manifest's Class-Path names (relative to the jar's directory). */
    private static List<Path> expand(Path entry) throws IOException {
        List<Path> paths = new ArrayList<>(List.of(entry));
        if (!Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) return paths;
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String named = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (named == null) return paths;
            for (String relative : named.trim().split("\\s+")) {
                Path path = entry.getParent().resolve(relative).normalize();
                if (Files.isRegularFile(path)) paths.add(path);
            }
        }
        return paths;
    }
}
