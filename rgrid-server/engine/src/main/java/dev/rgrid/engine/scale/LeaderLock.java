package dev.rgrid.engine.scale;

import dev.rgrid.core.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One autoscaler across server replicas: a PostgreSQL advisory lock, taken on a connection of its own and held as long as
 * that connection lives. A replica whose connection breaks loses the lock with it (PostgreSQL releases it), and another
 * takes it at its next round; every change the autoscaler makes is a guarded update besides, so the moment two might
 * both act does no harm.
 */
final class LeaderLock implements Autoscaler.Leadership {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderLock.class);
    /** The lock's key: "RGridAS" in ASCII, apart from any other advisory lock on the database. */
    static final long KEY = 0x5247726964415300L;

    private final Database database;
    private Connection connection;
    private boolean held;

    LeaderLock(Database database) {
        this.database = database;
    }

    /** Whether this process holds the lock now, taking it if it is free. */
    @Override
    public synchronized boolean leads() {
        try {
            if (connection == null || !connection.isValid(2)) {
                if (held) LOG.warn("autoscaler: lost its database connection, and with it the lead");
                closeQuietly();
                connection = database.openUnpooled("rgrid-autoscaler");
                held = false;
            }
            if (!held) {
                try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    s.setLong(1, KEY);
                    try (ResultSet rs = s.executeQuery()) {
                        held = rs.next() && rs.getBoolean(1);
                    }
                }
                if (held) LOG.info("autoscaler: this control plane leads (advisory lock {})", KEY);
            }
            return held;
        } catch (SQLException e) {
            LOG.warn("autoscaler: could not check the lead: {}", e.getMessage());
            closeQuietly();
            return false;
        }
    }

    private void closeQuietly() {
        held = false;
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException e) {
            // Gone already; the lock went with it.
        }
        connection = null;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
