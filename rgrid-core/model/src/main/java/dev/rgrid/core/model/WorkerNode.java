package dev.rgrid.core.model;

import java.time.Instant;

/**
 * A worker node of a cluster as the control plane knows it.
 *
 * @param id          its Ray node id (hex)
 * @param name        how executions name it: its host and the start of its id ({@code worker-1/8f3a2c1d})
 * @param slots       how many containers it runs at once
 * @param version     the RGrid version its worker runs; {@code -} until its worker first reports
 * @param state       {@code alive} or {@code dead}
 * @param running     executions running on it at its last heartbeat
 * @param heartbeatAt when it was last heard from: its worker's own heartbeat, or Ray's health check of it
 * @param reason      why it is dead; null while alive
 */
public record WorkerNode(String id, String name, String host, double cpus, long memoryMb, int slots, String version,
                         String state, int running, Instant registeredAt, Instant heartbeatAt, String reason) {
    public static final String ALIVE = "alive";
    public static final String DEAD = "dead";

    /** {@code host/8f3a2c1d}: the name executions record for the node with this Ray id. */
    public static String nameOf(String host, String rayNodeId) {
        return host + "/" + shortId(rayNodeId);
    }

    /** The first 8 characters of a Ray node id: enough to tell nodes apart in names and paths. */
    public static String shortId(String rayNodeId) {
        return rayNodeId.length() > 8 ? rayNodeId.substring(0, 8) : rayNodeId;
    }
}
