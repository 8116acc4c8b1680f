package dev.rgrid.core.store;

import dev.rgrid.core.model.Execution;

/**
 * What {@link ExecutionStore#create} did: recorded a new execution ({@code inserted}), or found the one
 * the owner's idempotency key had already created.
 */
public record Created(Execution execution, boolean inserted) {}
