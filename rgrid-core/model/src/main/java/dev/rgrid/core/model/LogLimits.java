package dev.rgrid.core.model;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.Quantities;
import dev.rgrid.core.config.Setting;

/**
 * How much of a run's output the store keeps: at most {@code maxBytes} of stdout and stderr together, over all its
 * attempts. The first {@link #headBytes()} are stored as they come; past them only the last {@link #tailBytes()} are
 * kept (in memory, stored when the attempt ends) and the middle is dropped and counted. RGrid's own lines are always
 * kept. A long line counts as its UTF-8 bytes plus one for its newline.
 */
public record LogLimits(long maxBytes) {
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    /** Below this a cap would keep too little to be useful, and the tail would be smaller than one long line. */
    public static final long MIN_MAX_BYTES = 64L * 1024;
    /** The share of the cap kept from the end of the output: one eighth. */
    static final int TAIL_SHARE = 8;
    public static final LogLimits DEFAULTS = new LogLimits(DEFAULT_MAX_BYTES);

    public LogLimits {
        if (maxBytes < MIN_MAX_BYTES) {
            throw new InvalidInputException("invalid_limit", "The log limit is too small", maxBytes + " bytes",
                    "Set RGRID_MAX_LOG_BYTES to at least 64k, for example " + Setting.MAX_LOG_BYTES.example());
        }
    }

    /** The defaults, or {@code RGRID_MAX_LOG_BYTES} / {@code max_log_bytes} from the environment or config file. */
    public static LogLimits from(ConfigSources sources) {
        return new LogLimits(sources.lookup(Setting.MAX_LOG_BYTES)
                .map(v -> Quantities.bytes("log limit", v)).orElse(DEFAULT_MAX_BYTES));
    }

    /** What is kept from the end of the output once the cap is reached. */
    public long tailBytes() { return maxBytes / TAIL_SHARE; }

    /** What is kept from the start of the output. */
    public long headBytes() { return maxBytes - tailBytes(); }
}
