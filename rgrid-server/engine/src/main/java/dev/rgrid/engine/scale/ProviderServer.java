package dev.rgrid.engine.scale;

import java.time.Instant;

/**
 * A machine as its provider lists it.
 *
 * @param id       the provider's id
 * @param status   the provider's word for it ({@code initializing}, {@code running}, ...)
 * @param address  the address its Ray node joins with; null while the provider has not given it one
 * @param failure  why its creation failed, when the provider says so; null otherwise
 */
public record ProviderServer(String id, String name, String status, String address, Instant createdAt, String failure) {}
