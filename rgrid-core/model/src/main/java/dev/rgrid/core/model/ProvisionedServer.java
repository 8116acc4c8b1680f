package dev.rgrid.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A machine the autoscaler asked a node provider for, from the intent recorded before the provider's call to its
 * deletion: what `rgrid workers` shows for provisioned nodes and what the cluster's bill is made of.
 *
 * @param name        its name at the provider, unique to this cluster and chosen before the call (so a retry finds it)
 * @param provider    {@code hetzner} or {@code local}
 * @param serverType  the provider's server type ({@code cx22}; {@code local} for the local provider)
 * @param serverId    the provider's id; null until the provider answered the create
 * @param state       one of {@link #STATES}
 * @param address     the address its Ray node joins with (its private address at the provider)
 * @param rayNodeId   the Ray node it became; null until it joined
 * @param priceMicros its hourly price in millionths of {@code currency}, read from the provider when it was asked for
 * @param createdAt   when the provider started billing it; null until it answered
 * @param drainedAt   when its retirement began (no run starts on it from then); null unless draining or retired
 * @param reason      why it is in its state, in words (why it was launched, retired, failed)
 */
public record ProvisionedServer(String name, String provider, String serverType, String location, String serverId,
                                String state, String address, String rayNodeId, double cpus, long memoryMb, int slots,
                                long priceMicros, String currency, Instant requestedAt, Instant createdAt, Instant readyAt,
                                Instant drainedAt, Instant endedAt, String reason) {
    public static final String REQUESTED = "requested";
    public static final String BOOTING = "booting";
    public static final String READY = "ready";
    public static final String DRAINING = "draining";
    public static final String RETIRED = "retired";
    public static final String FAILED = "failed";
    public static final String DEAD = "dead";
    public static final List<String> STATES = List.of(REQUESTED, BOOTING, READY, DRAINING, RETIRED,
            FAILED, DEAD);

    private static final Duration HOUR = Duration.ofHours(1);

    /** Whether it is gone for good: retired, failed or dead (and deleted at its provider). */
    public boolean ended() {
        return RETIRED.equals(state) || FAILED.equals(state) || DEAD.equals(state);
    }

    /** Hours billed so far, or in all once ended: every started hour from its creation at the provider. */
    public long billedHours(Instant now) {
        if (createdAt == null) return 0;
        Instant until = endedAt != null ? endedAt : now;
        long millis = Math.max(0, Duration.between(createdAt, until).toMillis());
        return Math.max(1, (millis + HOUR.toMillis() - 1) / HOUR.toMillis());
    }

    /** When the next billed hour starts (the end of the hour it is in); null until it exists at the provider. */
    public Instant nextBilledHour(Instant now) {
        if (createdAt == null) return null;
        return createdAt.plus(HOUR.multipliedBy(billedHours(now)));
    }
}
