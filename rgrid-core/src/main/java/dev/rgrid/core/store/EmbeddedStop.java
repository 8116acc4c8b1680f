package dev.rgrid.core.store;

import java.nio.file.Path;

/**
 * What stopping the embedded PostgreSQL did.
 *
 * @param stopped whether a running server was stopped; false when none was running
 * @param port    the port it listened on; null when none was running
 * @param dataDir where its data is kept, running or not
 */
public record EmbeddedStop(boolean stopped, Integer port, Path dataDir) {
    public static EmbeddedStop notRunning(Path dataDir) {
        return new EmbeddedStop(false, null, dataDir);
    }
}
