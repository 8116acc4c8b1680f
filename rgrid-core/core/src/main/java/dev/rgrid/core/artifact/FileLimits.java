package dev.rgrid.core.artifact;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.Quantities;
import dev.rgrid.core.config.Setting;
import java.util.Optional;

/**
 * How much a run may move and write: the largest file, the total of a run's inputs or outputs, how many output files,
 * and how much it may write to its working directory while it runs. Checked when made; read from the environment and
 * config file by {@link #from}.
 */
public record FileLimits(long maxFileBytes, long maxRunBytes, int maxOutputs, long maxWorkDirBytes) {
    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024 * 1024;
    public static final long DEFAULT_MAX_RUN_BYTES = 50L * 1024 * 1024 * 1024;
    public static final int DEFAULT_MAX_OUTPUTS = 1000;
    public static final long DEFAULT_MAX_WORKDIR_BYTES = 10L * 1024 * 1024 * 1024;
    public static final FileLimits DEFAULTS = new FileLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_RUN_BYTES, DEFAULT_MAX_OUTPUTS);

    public FileLimits {
        if (maxFileBytes <= 0) throw invalid("max file size", Long.toString(maxFileBytes), Setting.MAX_FILE_BYTES);
        if (maxRunBytes < maxFileBytes) {
            throw new InvalidInputException("invalid_limit", "The total per run must be at least the largest file",
                    maxRunBytes + " < " + maxFileBytes, "Raise RGRID_MAX_RUN_BYTES or lower RGRID_MAX_FILE_BYTES");
        }
        if (maxOutputs <= 0) throw invalid("max outputs", Integer.toString(maxOutputs), Setting.MAX_OUTPUTS);
        if (maxWorkDirBytes <= 0) throw invalid("working directory limit", Long.toString(maxWorkDirBytes), Setting.MAX_WORKDIR_BYTES);
    }

    /** With the default working-directory limit. */
    public FileLimits(long maxFileBytes, long maxRunBytes, int maxOutputs) {
        this(maxFileBytes, maxRunBytes, maxOutputs, DEFAULT_MAX_WORKDIR_BYTES);
    }

    /** The defaults, with what the environment or config file sets instead. */
    public static FileLimits from(ConfigSources sources) {
        long file = sources.lookup(Setting.MAX_FILE_BYTES)
                .map(v -> Quantities.bytes("max file size", v)).orElse(DEFAULT_MAX_FILE_BYTES);
        long run = sources.lookup(Setting.MAX_RUN_BYTES)
                .map(v -> Quantities.bytes("max run size", v)).orElse(DEFAULT_MAX_RUN_BYTES);
        Optional<ConfigValue> outputs = sources.lookup(Setting.MAX_OUTPUTS);
        int count = outputs.map(v -> Quantities.integer("max outputs", v)).orElse(DEFAULT_MAX_OUTPUTS);
        long workDir = sources.lookup(Setting.MAX_WORKDIR_BYTES)
                .map(v -> Quantities.bytes("working directory limit", v)).orElse(DEFAULT_MAX_WORKDIR_BYTES);
        return new FileLimits(file, run, count, workDir);
    }

    /** Refuses one input file over the per-file limit, naming it and the setting that sets the limit. */
    public void checkInput(String name, long size) {
        if (size > maxFileBytes) {
            throw new InvalidInputException("input_too_large", "An input file is larger than the per-file limit",
                    name + " (" + size + " bytes)", "The limit is " + maxFileBytes + " bytes (RGRID_MAX_FILE_BYTES)");
        }
    }

    /** Refuses a run whose input files together exceed the per-run limit. */
    public void checkInputsTotal(long total) {
        if (total > maxRunBytes) {
            throw new InvalidInputException("inputs_too_large", "The input files together exceed the per-run limit",
                    total + " bytes", "The limit is " + maxRunBytes + " bytes (RGRID_MAX_RUN_BYTES); send fewer or smaller files");
        }
    }

    private static InvalidInputException invalid(String name, String value, Setting setting) {
        return new InvalidInputException("invalid_limit", "The " + name + " must be positive", value,
                "Set " + setting.envNames().get(0) + " to something like " + setting.example());
    }
}
