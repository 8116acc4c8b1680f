package dev.rgrid.engine;

/**
 * Whether each part of the engine answers now.
 *
 * @param isolation       {@code container}, or {@code none} when runs are local processes
 * @param executorReachable whether the Docker engine answers (always true for local processes)
 * @param rayUp           whether Ray is initialised in this process
 */
public record EngineHealth(boolean databaseReachable, String isolation, boolean executorReachable, boolean rayUp) {
    public boolean healthy() { return databaseReachable && executorReachable && rayUp; }
}
