package dev.rgrid.core.store;

import dev.rgrid.core.model.ProvisionedServer;
import dev.rgrid.core.model.ScaleEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The machines the autoscaler provisioned and its decisions. Every change of state is a guarded update (from the state
 * it expects), so two control planes, or one restarted mid-step, never take a server through a step twice.
 */
public interface ServerStore {

    /** Records the intent to create {@code server} (state requested) before the provider is called; false if the name is taken. */
    boolean recordIntent(ProvisionedServer server);

    /** The provider answered the create: requested → booting, with its id, address and billing start. */
    boolean created(String name, String serverId, String address, Instant createdAt);

    /** Its Ray node joined: booting → ready. */
    boolean ready(String name, String rayNodeId, Instant now);

    /**
     * ready → draining, only while no execution runs on its Ray node; taken under the server's row lock, which a run
     * starting on that node holds too ({@link ExecutionStore#markRunningOn}), so a run never starts on a node whose
     * retirement has begun, and a node is never drained under a run that started.
     */
    boolean drain(String name, String reason, Instant now);

    /** Ends it (retired, failed or dead) with the reason, from any state not ended; false when it was ended already. */
    boolean end(String name, String state, String reason, Instant now);

    Optional<ProvisionedServer> find(String name);

    /** Servers not ended, oldest first. */
    List<ProvisionedServer> live();

    /** Every server, live ones first, then the most recently requested, at most {@code limit}. */
    List<ProvisionedServer> list(int limit);

    /** The next number for a server name of this cluster: never the same twice, across control planes and restarts. */
    long nextSerial();

    /** Runs of one shape (CPUs, memory) waiting for a node: queued, or dispatched and not started. */
    record Waiting(double cpus, long memoryMb, int count) {}

    /** What the runs on one node (by the name executions record) use: CPUs, memory, how many. */
    record Load(double cpus, long memoryMb, int runs) {}

    /** The queue's demand, by shape. */
    List<Waiting> waiting();

    /** What runs on each node now, by node name ({@code host/8f3a2c1d}). */
    Map<String, Load> load();

    void event(Instant at, String server, String kind, String reason);

    /** The newest events first, at most {@code limit}. */
    List<ScaleEvent> events(int limit);
}
