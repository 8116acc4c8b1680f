package dev.rgrid.core.wire;

/** The answer to {@code DELETE /api/v1/executions/{id}}: what went besides the record and its logs. */
public record DeletionJson(String id, int deletedOutputs, int deletedInputs) {}
