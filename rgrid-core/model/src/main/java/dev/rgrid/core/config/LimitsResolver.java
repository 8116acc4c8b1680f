package dev.rgrid.core.config;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.model.Limits;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Decides each limit of a run: a flag wins over the environment, which wins over the config file,
 * which wins over the default. A value out of range is refused naming where it came from.
 */
public final class LimitsResolver {
    private final ConfigSources sources;

    public LimitsResolver(ConfigSources sources) {
        this.sources = sources;
    }

    /** Flags as typed; any may be null when not given. */
    public record Flags(String memory, String cpus, String timeout, String pidsLimit) {
        public static final Flags NONE = new Flags(null, null, null, null);
    }

    public Limits resolve(Flags flags) {
        Limits limits = Limits.DEFAULTS;
        limits = apply(limits, pick(flags.memory(), "--memory", Setting.MEMORY),
                (l, v) -> l.withMemoryMb(Quantities.memoryMb(v)));
        limits = apply(limits, pick(flags.cpus(), "--cpus", Setting.CPUS),
                (l, v) -> l.withCpus(Quantities.cpus(v)));
        limits = apply(limits, pick(flags.timeout(), "--timeout", Setting.TIMEOUT),
                (l, v) -> l.withTimeout(Quantities.duration(v)));
        limits = apply(limits, pick(flags.pidsLimit(), "--pids-limit", Setting.PIDS_LIMIT),
                (l, v) -> l.withPidsLimit(Quantities.integer("pids limit", v)));
        return limits;
    }

    private Optional<ConfigValue> pick(String flag, String flagName, Setting setting) {
        if (flag != null && !flag.isBlank()) return Optional.of(new ConfigValue(flag.trim(), flagName));
        return sources.lookup(setting);
    }

    private static Limits apply(Limits limits, Optional<ConfigValue> raw, BiFunction<Limits, ConfigValue, Limits> change) {
        if (raw.isEmpty()) return limits;
        try {
            return change.apply(limits, raw.get());
        } catch (InvalidInputException e) {
            if (e.what().contains(raw.get().source())) throw e;
            throw new InvalidInputException(e.code(), e.what() + " (from " + raw.get().source() + ")", e.value(), e.hint());
        }
    }
}
