package dev.rgrid.worker.files;

import dev.rgrid.core.artifact.FileLimits;
import dev.rgrid.core.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/** The warning lines for outputs that are not collected, each saying why and what to do. */
final class Skips {
    private static final int TYPE_MASK = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHAR_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private Skips() {}

    static String notRegular(String shown, Path path, String rule) {
        return "Output skipped: " + shown + " is " + describe(path) + "; " + rule;
    }

    static String overFileLimit(String shown, long size, FileLimits limits) {
        return "Output skipped: " + shown + " is " + bytes(size) + ", over the limit of " + bytes(limits.maxFileBytes())
                + " per file; raise " + setting(Setting.MAX_FILE_BYTES) + " to collect it";
    }

    static String overRunLimit(String shown, long size, long collected, FileLimits limits) {
        return "Output skipped: " + shown + " (" + bytes(size) + ") would take the run's outputs past the limit of "
                + bytes(limits.maxRunBytes()) + " (" + bytes(collected) + " collected); raise "
                + setting(Setting.MAX_RUN_BYTES) + " to collect it";
    }

    static String overCount(int skipped, FileLimits limits) {
        return "Outputs skipped: " + skipped + (skipped == 1 ? " file" : " files") + " beyond the limit of "
                + limits.maxOutputs() + " outputs per run; raise " + setting(Setting.MAX_OUTPUTS) + " to collect them";
    }

    /** How a user raises the limit: the environment variable, and the key in the config file. */
    static String setting(Setting setting) {
        return setting.envNames().get(0) + " (" + setting.fileKey() + " in the config file)";
    }

    static String bytes(long n) {
        if (n < 1024) return n + " bytes";
        String[] units = {"KB", "MB", "GB", "TB", "PB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String describe(Path path) {
        if (Files.isSymbolicLink(path)) return "a symbolic link";
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) return "a directory";
        try {
            int type = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & TYPE_MASK;
            return switch (type) {
                case FIFO -> "a named pipe (FIFO)";
                case CHAR_DEVICE, BLOCK_DEVICE -> "a device file";
                case SOCKET -> "a socket";
                default -> "not a regular file";
            };
        } catch (IOException | UnsupportedOperationException e) {
            return "not a regular file";
        }
    }
}
