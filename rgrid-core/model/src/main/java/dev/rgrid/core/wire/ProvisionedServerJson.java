package dev.rgrid.core.wire;

import dev.rgrid.core.model.ProvisionedServer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A provisioned server as {@code GET /api/v1/servers} shows it. Its hourly price is a decimal string in its currency
 * ({@code "0.0080"}), exact, as the provider quotes it; {@code billed_hours} counts every started hour to now (or to its
 * deletion).
 */
public record ProvisionedServerJson(String name, String provider, String serverType, String location, String serverId,
                                    String state, String address, String rayNodeId, double cpus, long memoryMb, int slots,
                                    String priceHourly, String currency, long billedHours, Instant requestedAt,
                                    Instant createdAt, Instant readyAt, Instant drainedAt, Instant endedAt, String reason) {

    public static ProvisionedServerJson of(ProvisionedServer s, Instant now) {
        return new ProvisionedServerJson(s.name(), s.provider(), s.serverType(), s.location(), s.serverId(), s.state(),
                s.address(), s.rayNodeId(), s.cpus(), s.memoryMb(), s.slots(),
                BigDecimal.valueOf(s.priceMicros(), 6).toPlainString(), s.currency(), s.billedHours(now), s.requestedAt(),
                s.createdAt(), s.readyAt(), s.drainedAt(), s.endedAt(), s.reason());
    }

    public ProvisionedServer toServer() {
        long micros = new BigDecimal(priceHourly).movePointRight(6).longValueExact();
        return new ProvisionedServer(name, provider, serverType, location, serverId, state, address, rayNodeId, cpus, memoryMb,
                slots, micros, currency, requestedAt, createdAt, readyAt, drainedAt, endedAt, reason);
    }

    /** The answer: live servers first, then the most recent. */
    public record Listing(List<ProvisionedServerJson> servers) {}
}
