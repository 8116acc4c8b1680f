package dev.rgrid.core.wire;

import dev.rgrid.core.model.ScaleEvent;
import java.time.Instant;
import java.util.List;

/** One autoscaler decision as {@code GET /api/v1/scale-events} shows it. */
public record ScaleEventJson(long id, Instant at, String server, String kind, String reason) {

    public static ScaleEventJson of(ScaleEvent e) {
        return new ScaleEventJson(e.id(), e.at(), e.server(), e.kind(), e.reason());
    }

    public ScaleEvent toEvent() {
        return new ScaleEvent(id, at, server, kind, reason);
    }

    /** The answer: newest first. */
    public record Listing(List<ScaleEventJson> events) {}
}
