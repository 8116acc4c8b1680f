package dev.rgrid.sdk;

/**
 * How the engine runs scripts.
 *
 * @param isolation {@code container}, or {@code none} when runs are plain local processes
 * @param detail    where runs go ("docker at unix:///var/run/docker.sock"), or why they are not isolated
 * @param database  which database holds the records
 */
public record EngineInfo(String isolation, String detail, String database) {
    public boolean isolated() { return !"none".equals(isolation); }
}
