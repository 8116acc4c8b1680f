package dev.rgrid.core.wire;

import dev.rgrid.core.model.Attempt;
import java.time.Instant;
import java.util.List;

/** One attempt as {@code GET /api/v1/executions/{id}/attempts} shows it. */
public record AttemptJson(int attempt, String node, Instant startedAt, Instant endedAt, String status, String reason) {

    public static AttemptJson of(Attempt a) {
        return new AttemptJson(a.number(), a.node(), a.startedAt(), a.endedAt(), a.status(), a.reason());
    }

    public Attempt toAttempt() {
        return new Attempt(attempt, node, startedAt, endedAt, status, reason);
    }

    /** The answer: every attempt, first to last. */
    public record Listing(List<AttemptJson> attempts) {}
}
