package dev.rgrid.server.http.json;

import dev.rgrid.core.wire.ExecutionJson;
import java.util.List;

/** One page of {@code GET /api/v1/executions}; {@code nextOffset} is null on the last page. */
public record ExecutionPageJson(List<ExecutionJson> executions, int limit, int offset, Integer nextOffset) {}
