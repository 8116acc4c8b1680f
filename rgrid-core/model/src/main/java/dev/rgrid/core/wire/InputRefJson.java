package dev.rgrid.core.wire;

/**
 * An input file of a submission, already uploaded with {@code PUT /api/v1/inputs/{sha256}}: placed at
 * {@code path} (relative to the script's directory) before the script starts.
 */
public record InputRefJson(String path, String sha256, Long size) {}
