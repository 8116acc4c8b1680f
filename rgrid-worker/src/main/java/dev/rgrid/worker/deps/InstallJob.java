package dev.rgrid.worker.deps;

import java.nio.file.Path;

/**
 * One install: {@code manifest} into {@code dir}, in {@code image}, for the run {@code executionId}.
 * The result lands in {@code dir/}{@link DependencyKind#resultDir()}.
 */
public record InstallJob(String executionId, String image, Manifest manifest, Path dir, DependencySettings settings) {}
