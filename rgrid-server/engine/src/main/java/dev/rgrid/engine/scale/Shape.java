package dev.rgrid.engine.scale;

/** What one waiting run asks of a node: CPUs and memory, and one container slot. */
public record Shape(double cpus, long memoryMb) {}
