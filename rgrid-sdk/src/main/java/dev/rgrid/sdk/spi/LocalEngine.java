package dev.rgrid.sdk.spi;

import dev.rgrid.sdk.RGrid;

/**
 * What {@link RGrid#local()} opens: the in-process engine, provided by the {@code rgrid-engine} artifact through
 * {@link java.util.ServiceLoader}, so that the thin SDK names none of the engine's dependencies.
 */
public interface LocalEngine {
    /** The artifact that provides it, named in the error when it is missing. */
    String ARTIFACT = "dev.rgrid:rgrid-engine";

    /** Opens the engine configured from the environment and {@code $RGRID_HOME/config}, as the local owner. */
    RGrid open();
}
