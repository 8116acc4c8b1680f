package dev.rgrid.core.store;

/** The right to run one attempt of an execution, valid while {@code version} is the row's version. */
public record Lease(String executionId, long version, int attempt) {}
