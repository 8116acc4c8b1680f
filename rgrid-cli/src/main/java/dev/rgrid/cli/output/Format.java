package dev.rgrid.cli.output;

import dev.rgrid.core.config.Quantities;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.Limits;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.TimeZone;
import java.util.Map;
import java.util.stream.Collectors;

/** How sizes, CPU shares, durations and times read in the text output. */
public final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private Format() {}

    /** {@code 512 MB}, {@code 2 GB}. */
    public static String memory(long mb) {
        return mb >= 1024 && mb % 1024 == 0 ? mb / 1024 + " GB" : mb + " MB";
    }

    /** A file size: {@code 512 B}, {@code 1.5 KB}, {@code 20.0 MB}, {@code 2.1 GB} (units of 1024). */
    public static String bytes(long bytes) {
        return Quantities.formatBytes(bytes);
    }

    /** {@code 1.0 CPU}, {@code 0.25 CPU}, {@code 2.0 CPUs}. */
    public static String cpus(double cpus) {
        String number = cpus * 10 == Math.rint(cpus * 10)
                ? String.format(Locale.ROOT, "%.1f", cpus) : String.valueOf(cpus);
        return number + (cpus > 1 ? " CPUs" : " CPU");
    }

    /** A limit in whole seconds: {@code 300 s}. */
    public static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }

    /** A run time: {@code 4.2 s}, {@code 3m05s}, {@code 1h02m}. */
    public static String duration(Duration d) {
        if (d.compareTo(Duration.ofMinutes(1)) < 0) return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        if (d.compareTo(Duration.ofHours(1)) < 0) return String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
        return String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart());
    }

    /** A local time to the second, in {@code zone} at that instant (its offset then, summer time or not), or "-". */
    public static String time(Instant instant, TimeZone zone) {
        return instant == null ? "-"
                : TIME.format(instant.atOffset(ZoneOffset.ofTotalSeconds(zone.getOffset(instant.toEpochMilli()) / 1000)));
    }

    /** {@code 512 MB, 1.0 CPU, timeout 300 s}. */
    public static String limits(Limits limits) {
        return memory(limits.memoryMb()) + ", " + cpus(limits.cpus()) + ", timeout " + seconds(limits.timeout());
    }

    /** The run time so far, or "-" before it started. */
    public static String runTime(Execution execution, Instant now) {
        return execution.startedAt() == null ? "-" : duration(execution.runTime(now));
    }

    /** {@code k=v, k2=v2} in key order, or "-". */
    public static String pairs(Map<String, String> pairs) {
        if (pairs.isEmpty()) return "-";
        return pairs.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    public static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
