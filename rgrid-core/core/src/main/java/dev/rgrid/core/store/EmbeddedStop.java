package dev.rgrid.core.store;

import java.nio.file.Path;

/**
 * What stopping the embedded PostgreSQL did.
 *
 * @param port    the port the stopped server listened on; null when none was running
 * @param dataDir where its data is kept, running or not
 */
public record EmbeddedStop(Integer port, Path dataDir) {
    public static EmbeddedStop notRunning(Path dataDir) {
        return new EmbeddedStop(null, dataDir);
    }

    /** Whether a running server was stopped; false when none was running. */
    public boolean stopped() {
        return port != null;
    }
}
