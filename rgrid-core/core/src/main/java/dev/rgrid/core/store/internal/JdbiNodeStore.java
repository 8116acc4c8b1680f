package dev.rgrid.core.store.internal;

import dev.rgrid.core.model.WorkerNode;
import dev.rgrid.core.store.NodeStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link NodeStore} on PostgreSQL ({@code nodes}, V6). */
public final class JdbiNodeStore implements NodeStore {
    private static final String COLUMNS = "id, name, host, cpus, memory_mb, slots, version, state, running, "
            + "registered_at, heartbeat_at, reason";
    private static final RowMapper<WorkerNode> ROWS = JdbiNodeStore::map;

    private final Jdbi jdbi;

    public JdbiNodeStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void register(WorkerNode node, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO nodes (" + COLUMNS + ") VALUES (:id, :name, :host, :cpus, :memoryMb, "
                        + ":slots, :version, 'alive', :running, :now, :now, NULL) ON CONFLICT (id) DO UPDATE SET "
                        + "name = EXCLUDED.name, host = EXCLUDED.host, cpus = EXCLUDED.cpus, "
                        + "memory_mb = EXCLUDED.memory_mb, slots = EXCLUDED.slots, "
                        + "version = CASE WHEN EXCLUDED.version = '-' THEN nodes.version ELSE EXCLUDED.version END, "
                        + "state = 'alive', heartbeat_at = :now, reason = NULL")
                .bind("id", node.id()).bind("name", node.name()).bind("host", node.host()).bind("cpus", node.cpus())
                .bind("memoryMb", node.memoryMb()).bind("slots", node.slots()).bind("version", node.version())
                .bind("running", node.running()).bind("now", now).execute());
    }

    @Override
    public boolean heartbeat(String id, int running, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE nodes SET heartbeat_at = :now, running = :running "
                        + "WHERE id = :id AND state = 'alive'")
                .bind("id", id).bind("running", running).bind("now", now).execute()) == 1;
    }

    @Override
    public void seen(String id, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE nodes SET heartbeat_at = GREATEST(heartbeat_at, :now) "
                + "WHERE id = :id AND state = 'alive'").bind("id", id).bind("now", now).execute());
    }

    @Override
    public boolean markDead(String id, String reason) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE nodes SET state = 'dead', reason = :reason, running = 0 "
                        + "WHERE id = :id AND state = 'alive'")
                .bind("id", id).bind("reason", reason).execute()) == 1;
    }

    @Override
    public List<WorkerNode> silentSince(Instant cutoff) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM nodes WHERE state = 'alive' "
                + "AND heartbeat_at < :cutoff").bind("cutoff", cutoff).map(ROWS).list());
    }

    @Override
    public List<WorkerNode> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM nodes "
                + "ORDER BY state = 'alive' DESC, name").map(ROWS).list());
    }

    private static WorkerNode map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new WorkerNode(rs.getString("id"), rs.getString("name"), rs.getString("host"), rs.getDouble("cpus"),
                rs.getLong("memory_mb"), rs.getInt("slots"), rs.getString("version"), rs.getString("state"),
                rs.getInt("running"), rs.getTimestamp("registered_at").toInstant(), rs.getTimestamp("heartbeat_at").toInstant(),
                rs.getString("reason"));
    }
}
