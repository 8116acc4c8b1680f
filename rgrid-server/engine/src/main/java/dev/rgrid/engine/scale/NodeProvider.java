package dev.rgrid.engine.scale;

import java.util.List;

/**
 * Where worker nodes come from: Hetzner Cloud, or Ray nodes started on this machine. Every call may fail with a
 * {@link ProviderException}; the autoscaler logs it and carries on at its next round.
 */
public interface NodeProvider extends AutoCloseable {

    /** {@code hetzner} or {@code local}: recorded with each server. */
    String name();

    /** The types nodes may be, with their prices now, cheapest first. */
    List<ServerType> serverTypes();

    /**
     * Creates the machine. A name the provider already has (an earlier call that answered too late) is not created
     * again: the existing machine is returned.
     */
    ProviderServer create(NodeLaunch launch);

    /** Deletes the machine; one already gone is not an error. */
    void delete(String serverId);

    /** This cluster's machines, as the provider knows them now. */
    List<ProviderServer> list();

    @Override
    default void close() {}
}
