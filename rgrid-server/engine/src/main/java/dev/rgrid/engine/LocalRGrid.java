package dev.rgrid.engine;

import dev.rgrid.core.model.Execution;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.spi.LocalEngine;

/**
 * The in-process engine as an {@link RGrid}, for the local owner: what {@link RGrid#local()} finds through
 * {@link java.util.ServiceLoader}, and {@link #open(LocalOptions)} for explicit options. Closing it closes the engine.
 */
public final class LocalRGrid implements LocalEngine {

    /** Opens the engine with {@code options}, as the local owner. */
    public static RGrid open(LocalOptions options) {
        return Engine.open(options).ownedView(Execution.LOCAL_OWNER);
    }

    @Override
    public RGrid open() {
        return open(LocalOptions.fromEnvironment());
    }
}
