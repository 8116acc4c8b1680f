package dev.rgrid.core.model;

import dev.rgrid.core.InvalidInputException;
import java.util.Map;
import java.util.Set;

/**
 * A filter for listing executions: any of the statuses (all when empty), every metadata pair given,
 * newest first, at most {@code limit}, skipping {@code offset}; only {@code owner}'s when it is set.
 */
public record ExecutionQuery(Set<ExecutionStatus> statuses, Map<String, String> metadata, int limit, int offset,
                             String owner) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public ExecutionQuery {
        statuses = Set.copyOf(statuses);
        metadata = Map.copyOf(metadata);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("invalid_limit", "The list limit is out of range", Integer.toString(limit),
                    "Ask for between 1 and " + MAX_LIMIT + " executions, for example --limit 20");
        }
        if (offset < 0) {
            throw new InvalidInputException("invalid_offset", "The list offset cannot be negative", Integer.toString(offset),
                    "Start from 0");
        }
    }

    /** Any owner's executions: the form users build; an engine scopes it with {@link #ownedBy}. */
    public ExecutionQuery(Set<ExecutionStatus> statuses, Map<String, String> metadata, int limit, int offset) {
        this(statuses, metadata, limit, offset, null);
    }

    public static ExecutionQuery recent() { return new ExecutionQuery(Set.of(), Map.of(), DEFAULT_LIMIT, 0); }

    public ExecutionQuery ownedBy(String value) {
        return new ExecutionQuery(statuses, metadata, limit, offset, value);
    }
}
