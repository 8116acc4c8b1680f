package dev.rgrid.core.wire;

import dev.rgrid.core.model.Limits;
import java.time.Duration;

/** Limits in plain units. In a request any field may be null: the server's default applies. */
public record LimitsJson(Long memoryMb, Double cpus, Long timeoutSeconds, Integer pidsLimit) {

    public static LimitsJson of(Limits limits) {
        return new LimitsJson(limits.memoryMb(), limits.cpus(), limits.timeout().toSeconds(), limits.pidsLimit());
    }

    /** These limits over {@code defaults}; validated by {@link Limits}. */
    public Limits over(Limits defaults) {
        Limits l = defaults;
        if (memoryMb != null) l = l.withMemoryMb(memoryMb);
        if (cpus != null) l = l.withCpus(cpus);
        if (timeoutSeconds != null) l = l.withTimeout(Duration.ofSeconds(timeoutSeconds));
        if (pidsLimit != null) l = l.withPidsLimit(pidsLimit);
        return l;
    }
}
