package dev.rgrid.core.model;

import dev.rgrid.core.InvalidInputException;
import java.time.Duration;

/**
 * The resources one run may use. Checked when built: a value out of range never reaches a container.
 *
 * @param memoryMb   memory in MiB; swap is never added on top
 * @param cpus       CPU share, 1.0 = one core
 * @param timeout    wall-clock limit for the script
 * @param pidsLimit  most processes and threads the run may have at once
 */
public record Limits(long memoryMb, double cpus, Duration timeout, int pidsLimit) {
    public static final long DEFAULT_MEMORY_MB = 512;
    public static final double DEFAULT_CPUS = 1.0;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    public static final int DEFAULT_PIDS_LIMIT = 256;

    public static final long MIN_MEMORY_MB = 16;
    public static final long MAX_MEMORY_MB = 262_144;
    public static final double MIN_CPUS = 0.01;
    public static final double MAX_CPUS = 256;
    public static final Duration MAX_TIMEOUT = Duration.ofDays(7);
    public static final int MIN_PIDS_LIMIT = 8;
    public static final int MAX_PIDS_LIMIT = 65_536;

    public static final Limits DEFAULTS = new Limits(DEFAULT_MEMORY_MB, DEFAULT_CPUS, DEFAULT_TIMEOUT, DEFAULT_PIDS_LIMIT);

    public Limits {
        if (memoryMb < MIN_MEMORY_MB || memoryMb > MAX_MEMORY_MB) {
            throw outOfRange("memory", memoryMb + " MB", MIN_MEMORY_MB + " MB and " + MAX_MEMORY_MB + " MB", "--memory 1g");
        }
        if (!(cpus >= MIN_CPUS && cpus <= MAX_CPUS)) {
            throw outOfRange("cpus", String.valueOf(cpus), MIN_CPUS + " and " + MAX_CPUS, "--cpus 0.5");
        }
        if (timeout == null || timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw outOfRange("timeout", timeout == null ? "none" : timeout.toSeconds() + " s",
                    "1 s and " + MAX_TIMEOUT.toSeconds() + " s", "--timeout 600");
        }
        if (pidsLimit < MIN_PIDS_LIMIT || pidsLimit > MAX_PIDS_LIMIT) {
            throw outOfRange("pids limit", String.valueOf(pidsLimit), MIN_PIDS_LIMIT + " and " + MAX_PIDS_LIMIT, "--pids-limit 512");
        }
    }

    public Limits withMemoryMb(long value) { return new Limits(value, cpus, timeout, pidsLimit); }
    public Limits withCpus(double value) { return new Limits(memoryMb, value, timeout, pidsLimit); }
    public Limits withTimeout(Duration value) { return new Limits(memoryMb, cpus, value, pidsLimit); }
    public Limits withPidsLimit(int value) { return new Limits(memoryMb, cpus, timeout, value); }

    private static InvalidInputException outOfRange(String name, String value, String range, String example) {
        return new InvalidInputException("invalid_limit", "The " + name + " limit is out of range", value,
                "Choose a value between " + range + ", for example " + example);
    }
}
