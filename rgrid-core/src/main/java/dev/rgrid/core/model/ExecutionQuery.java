package dev.rgrid.core.model;

import java.util.Map;
import java.util.Set;

/**
 * A filter for listing executions: any of the statuses (all when empty), every metadata pair given,
 * newest first, at most {@code limit}, skipping {@code offset}.
 */
public record ExecutionQuery(Set<ExecutionStatus> statuses, Map<String, String> metadata, int limit, int offset) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public ExecutionQuery {
        statuses = Set.copyOf(statuses);
        metadata = Map.copyOf(metadata);
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        if (offset < 0) throw new IllegalArgumentException("offset must be >= 0");
    }

    public static ExecutionQuery recent() { return new ExecutionQuery(Set.of(), Map.of(), DEFAULT_LIMIT, 0); }
}
