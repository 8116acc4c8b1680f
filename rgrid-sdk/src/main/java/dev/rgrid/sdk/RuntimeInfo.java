package dev.rgrid.sdk;

/**
 * A runtime as `rgrid runtimes` shows it.
 *
 * @param image    the image (or interpreter) that would run it here, or the first candidate when none is present
 * @param present  whether it can run here now without building or pulling anything
 * @param hint     how to get it when it is not present, else null
 */
public record RuntimeInfo(String name, String image, boolean present, boolean isDefault, String description, String hint) {}
