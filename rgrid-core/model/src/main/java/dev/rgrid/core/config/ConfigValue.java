package dev.rgrid.core.config;

/**
 * A raw setting value and where it came from ("--memory", "CONTAINER_MEMORY_LIMIT in the environment",
 * "memory in /home/a/.rgrid/config"), so an error can point at the place to fix.
 */
public record ConfigValue(String value, String source) {}
