package dev.rgrid.server.resident;

import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.Setting;
import dev.rgrid.server.Version;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Which build and which settings a resident engine runs, as one string: a command whose own identity differs (another
 * version of RGrid, a rebuild, or an engine setting changed in the environment or the config file) replaces the engine
 * rather than being served by one that would not do what it was told.
 */
public final class EngineIdentity {
    /** What only the client reads: changing them changes nothing the engine does. */
    private static final Set<Setting> CLIENT_ONLY = EnumSet.of(Setting.API_URL, Setting.API_KEY, Setting.SERVER_HOST,
            Setting.SERVER_PORT, Setting.DISPATCH);

    private EngineIdentity() {}

    /** {@link #of(String, ConfigSources)} of this process's class path. */
    public static String of(ConfigSources sources) {
        return of(System.getProperty("java.class.path"), sources);
    }

    /** {@link #build(String)} of the engine's class path, and the engine's settings in {@code sources}. */
    public static String of(String classPath, ConfigSources sources) {
        StringBuilder settings = new StringBuilder();
        for (Setting setting : Setting.values()) {
            if (CLIENT_ONLY.contains(setting)) continue;
            sources.lookup(setting).ifPresent(v -> settings.append(setting.name()).append('=').append(v.value()).append('\n'));
        }
        return build(classPath) + "/" + fingerprint(settings.toString());
    }

    /**
     * The version and a digest of every class path entry's name, size and time: a rebuilt jar is another build even
     * when the version string stays (as it does between snapshot builds). A stat per entry, no reading.
     */
    static String build(String classPath) {
        StringBuilder entries = new StringBuilder();
        String[] listed = classPath.split(File.pathSeparator);
        // A lone jar (run with -jar) may name the rest in its manifest; a class path that lists its jars is read as it
        // is, without opening each one for a manifest (120 opens, 40 ms of every command, for the CLI's engine list).
        boolean loneJar = listed.length == 1;
        for (String entry : listed) {
            if (!entry.isEmpty()) describe(Path.of(entry).toAbsolutePath().normalize(), entries, loneJar);
        }
        return Version.current() + "@" + fingerprint(entries.toString());
    }

    /**
     * 64-bit FNV-1a of the text, in hex: it tells builds and settings apart, it guards nothing (the secret does that),
     * and a digest provider's first use costs a command 20 ms where this costs nothing.
     */
    static String fingerprint(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        String hex = Long.toHexString(hash);
        return "0".repeat(16 - hex.length()) + hex;
    }

    /** One entry, and for a jar run with {@code -jar} the jars its manifest names (the CLI's lib/). */
    private static void describe(Path path, StringBuilder entries, boolean followManifest) {
        entries.append(path);
        try {
            entries.append(' ').append(Files.size(path)).append(' ').append(Files.getLastModifiedTime(path).toMillis());
        } catch (IOException e) {
            entries.append(" missing");
        }
        entries.append('\n');
        if (!followManifest || !path.toString().endsWith(".jar") || !Files.isRegularFile(path)) return;
        try (JarFile jar = new JarFile(path.toFile())) {
            Manifest manifest = jar.getManifest();
            String listed = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (listed == null) return;
            for (String relative : listed.trim().split("\\s+")) {
                if (!relative.isEmpty()) describe(path.resolveSibling(relative).normalize(), entries, false);
            }
        } catch (IOException e) {
            entries.append(path).append(" unreadable\n");
        }
    }
}
