package dev.rgrid.core.config;

import dev.rgrid.core.InvalidInputException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads sizes ("512m", "2g", "512" = MB), durations ("300", "300s", "5m", "1h") and CPU counts. */
public final class Quantities {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(?:i?b)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private Quantities() {}

    /** A memory size in MiB; a bare number means MiB, as {@code --memory 512}; 'b' means bytes. */
    public static long memoryMb(ConfigValue raw) {
        String text = raw.value().trim().toLowerCase(Locale.ROOT);
        if (text.matches("\\d+b")) {
            return Long.parseLong(text.substring(0, text.length() - 1)) / (1024 * 1024);
        }
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) throw bad("memory", raw, "a size like 512m, 2g or 512 (MB)");
        double number = Double.parseDouble(m.group(1));
        double mb = switch (m.group(2)) {
            case "k" -> number / 1024;
            case "g" -> number * 1024;
            case "t" -> number * 1024 * 1024;
            default -> number;
        };
        return Math.round(mb);
    }

    /** A size in bytes named {@code name} in errors: a bare number is bytes; k, m, g, t are powers of 1024. */
    public static long bytes(String name, ConfigValue raw) {
        Matcher m = SIZE.matcher(raw.value().trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw bad(name, raw, "a size in bytes like 10g, 500m or 1048576");
        double number = Double.parseDouble(m.group(1));
        double bytes = switch (m.group(2)) {
            case "k" -> number * 1024;
            case "m" -> number * 1024 * 1024;
            case "g" -> number * 1024 * 1024 * 1024;
            case "t" -> number * 1024 * 1024 * 1024 * 1024;
            default -> number;
        };
        if (bytes >= Long.MAX_VALUE) throw bad(name, raw, "a size in bytes like 10g, 500m or 1048576");
        return Math.round(bytes);
    }

    /** A size for people: {@code 512 B}, {@code 1.5 KB}, {@code 20.0 MB}, {@code 2.1 GB} (units of 1024). */
    public static String formatBytes(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** A timeout: seconds like 300, or 300s, 5m, 1h. */
    public static Duration duration(ConfigValue raw) {
        return duration("timeout", raw);
    }

    /** A duration named {@code name} in errors: seconds like 300, or 300s, 5m, 1h. */
    public static Duration duration(String name, ConfigValue raw) {
        Matcher m = DURATION.matcher(raw.value().trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw bad(name, raw, "seconds like 300, or 300s, 5m, 1h");
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    public static double cpus(ConfigValue raw) {
        try {
            double value = Double.parseDouble(raw.value().trim());
            if (Double.isNaN(value) || Double.isInfinite(value)) throw new NumberFormatException();
            return value;
        } catch (NumberFormatException e) {
            throw bad("cpus", raw, "a number of CPUs like 1, 0.5 or 2");
        }
    }

    public static int integer(String name, ConfigValue raw) {
        try {
            return Integer.parseInt(raw.value().trim());
        } catch (NumberFormatException e) {
            throw bad(name, raw, "a whole number");
        }
    }

    private static InvalidInputException bad(String name, ConfigValue raw, String expected) {
        return new InvalidInputException("invalid_limit", "The " + name + " setting from " + raw.source() + " is not valid",
                raw.value(), "Give " + expected);
    }
}
