package dev.rgrid.worker.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that made a container started ahead, as a label ({@code <boot id>/<pid>/<start millis>}), so that a sweep
 * on the same machine can tell at once that its maker is gone (a crash, a kill -9) instead of waiting until the
 * container is older than any pool keeps one. The boot id tells the same machine and boot; pid and start time the
 * same process, not a later one given its pid. Where the kernel has no boot id, there is no label and age decides.
 */
record Owner(String bootId, long pid, long startMillis) {
    static final String LABEL = "rgrid.warm.owner";
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    /** This process, when it can say who it is. */
    static Optional<Owner> self() {
        return thisBoot().flatMap(boot -> {
            ProcessHandle me = ProcessHandle.current();
            return me.info().startInstant().map(start -> new Owner(boot, me.pid(), start.toEpochMilli()));
        });
    }

    String label() { return bootId + "/" + pid + "/" + startMillis; }

    static Optional<Owner> parse(String label) {
        if (label == null) return Optional.empty();
        String[] parts = label.split("/");
        if (parts.length != 3) return Optional.empty();
        try {
            return Optional.of(new Owner(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether this owner is known to be gone: on this machine and boot, and no process of its pid and start runs. */
    boolean goneHere() {
        if (!thisBoot().map(bootId::equals).orElse(false)) return false;
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(p -> p.info().startInstant()).map(Instant::toEpochMilli)
                .map(start -> start != startMillis).orElse(true);
    }

    private static Optional<String> thisBoot() {
        try {
            return Optional.of(Files.readString(BOOT_ID).trim()).filter(s -> !s.isEmpty() && !s.contains("/"));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
