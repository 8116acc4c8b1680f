package dev.rgrid.server.http.json;

import dev.rgrid.core.wire.LogLineJson;
import java.util.List;

/**
 * One page of {@code GET /api/v1/executions/{id}/logs}: {@code lastSeq} is the {@code after} to pass next;
 * {@code ended} is true when the execution has ended and these are its last lines.
 */
public record LogPageJson(List<LogLineJson> lines, long lastSeq, String executionStatus, boolean ended) {}
