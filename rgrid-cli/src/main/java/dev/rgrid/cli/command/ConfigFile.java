package dev.rgrid.cli.command;

import dev.rgrid.core.RGridException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets entries in {@code $RGRID_HOME/config} (a Properties file) and keeps every other line as it was.
 * It holds an API key, so it is written readable by its owner alone (0600), in a directory created 0700,
 * and replaced in one move so a reader never sees half of it.
 */
final class ConfigFile {
    private static final Pattern KEY = Pattern.compile("^\\s*([^#!=:\\s][^=:\\s]*)");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private ConfigFile() {}

    static void set(Path file, Map<String, String> entries) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) Files.createDirectories(dir, permissions("rwx------"));
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            List<String> updated = new ArrayList<>();
            Set<String> written = new HashSet<>();
            for (String line : lines) {
                Matcher key = KEY.matcher(line);
                if (key.find() && entries.containsKey(key.group(1))) {
                    if (written.add(key.group(1))) updated.add(entry(key.group(1), entries.get(key.group(1))));
                } else {
                    updated.add(line);
                }
            }
            entries.forEach((k, v) -> {
                if (!written.contains(k)) updated.add(entry(k, v));
            });
            Path temp = Files.createTempFile(dir, ".config-", ".tmp", permissions("rw-------"));
            Files.write(temp, updated);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RGridException("config_not_saved", "The config file cannot be written", file.toString(),
                    "Check that the RGrid home is writable, or set RGRID_API_URL and RGRID_API_KEY instead ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static String entry(String key, String value) {
        return key + " = " + value.replace("\\", "\\\\");
    }

    private static FileAttribute<?>[] permissions(String rwx) {
        if (!POSIX) return new FileAttribute<?>[0];
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(rwx))};
    }
}
