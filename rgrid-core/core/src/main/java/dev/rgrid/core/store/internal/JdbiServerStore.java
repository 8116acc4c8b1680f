package dev.rgrid.core.store.internal;

import dev.rgrid.core.model.ProvisionedServer;
import dev.rgrid.core.model.ScaleEvent;
import dev.rgrid.core.store.ServerStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link ServerStore} on PostgreSQL ({@code provider_servers}, {@code autoscaler_events}: V10). */
public final class JdbiServerStore implements ServerStore {
    private static final String COLUMNS = "name, provider, server_type, location, server_id, state, address, ray_node_id, "
            + "cpus, memory_mb, slots, price_micros, currency, requested_at, created_at, ready_at, drained_at, ended_at, reason";
    private static final String NOT_ENDED = "state NOT IN ('retired', 'failed', 'dead')";

    private final Jdbi jdbi;

    public JdbiServerStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean recordIntent(ProvisionedServer s) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO provider_servers (" + COLUMNS + ") VALUES (:name, :provider, "
                        + ":type, :location, NULL, 'requested', NULL, NULL, :cpus, :memoryMb, :slots, :price, :currency, "
                        + ":requestedAt, NULL, NULL, NULL, NULL, :reason) ON CONFLICT (name) DO NOTHING")
                .bind("name", s.name()).bind("provider", s.provider()).bind("type", s.serverType())
                .bind("location", s.location()).bind("cpus", s.cpus()).bind("memoryMb", s.memoryMb())
                .bind("slots", s.slots()).bind("price", s.priceMicros()).bind("currency", s.currency())
                .bind("requestedAt", s.requestedAt()).bind("reason", s.reason()).execute()) == 1;
    }

    @Override
    public boolean created(String name, String serverId, String address, Instant createdAt) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE provider_servers SET state = 'booting', server_id = :id, "
                        + "address = :address, created_at = :createdAt WHERE name = :name AND state = 'requested'")
                .bind("name", name).bind("id", serverId).bind("address", address).bind("createdAt", createdAt)
                .execute()) == 1;
    }

    @Override
    public boolean ready(String name, String rayNodeId, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE provider_servers SET state = 'ready', ray_node_id = :ray, "
                        + "ready_at = :now WHERE name = :name AND state = 'booting'")
                .bind("name", name).bind("ray", rayNodeId).bind("now", now).execute()) == 1;
    }

    @Override
    public boolean drain(String name, String reason, Instant now) {
        return jdbi.inTransaction(h -> {
            // Locked first, then counted: under READ COMMITTED the count is a new statement's snapshot, taken after any
            // start that held the row (JdbiExecutionStore.markRunningOn) committed.
            Optional<String> ray = h.createQuery("SELECT ray_node_id FROM provider_servers WHERE name = :name "
                    + "AND state = 'ready' FOR UPDATE").bind("name", name).mapTo(String.class).findOne();
            if (ray.isEmpty()) return false;
            int running = h.createQuery("SELECT count(*) FROM executions e JOIN nodes n ON e.node = n.name "
                    + "WHERE n.id = :ray AND e.status = 'running'").bind("ray", ray.get()).mapTo(Integer.class).one();
            if (running > 0) return false;
            return h.createUpdate("UPDATE provider_servers SET state = 'draining', reason = :reason, drained_at = :now "
                    + "WHERE name = :name").bind("name", name).bind("reason", reason).bind("now", now).execute() == 1;
        });
    }

    @Override
    public boolean end(String name, String state, String reason, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE provider_servers SET state = :state, reason = :reason, "
                        + "ended_at = :now WHERE name = :name AND " + NOT_ENDED)
                .bind("name", name).bind("state", state).bind("reason", reason).bind("now", now).execute()) == 1;
    }

    @Override
    public Optional<ProvisionedServer> find(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM provider_servers WHERE name = :name")
                .bind("name", name).map(JdbiServerStore::map).findOne());
    }

    @Override
    public List<ProvisionedServer> live() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM provider_servers WHERE " + NOT_ENDED
                + " ORDER BY requested_at, name").map(JdbiServerStore::map).list());
    }

    @Override
    public List<ProvisionedServer> list(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM provider_servers ORDER BY " + NOT_ENDED
                + " DESC, requested_at DESC, name LIMIT :limit").bind("limit", limit).map(JdbiServerStore::map).list());
    }

    @Override
    public long nextSerial() {
        return jdbi.withHandle(h -> h.createQuery("SELECT nextval('provider_server_serial')").mapTo(Long.class).one());
    }

    @Override
    public List<Waiting> waiting() {
        return jdbi.withHandle(h -> h.createQuery("SELECT cpus, memory_mb, count(*) AS n FROM executions "
                        + "WHERE status IN ('queued', 'dispatched') GROUP BY cpus, memory_mb")
                .map((rs, ctx) -> new Waiting(rs.getDouble("cpus"), rs.getLong("memory_mb"), rs.getInt("n"))).list());
    }

    @Override
    public Map<String, Load> load() {
        Map<String, Load> load = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT node, sum(cpus) AS cpus, sum(memory_mb) AS memory_mb, count(*) AS n "
                        + "FROM executions WHERE status = 'running' AND node IS NOT NULL GROUP BY node")
                .map((rs, ctx) -> Map.entry(rs.getString("node"), new Load(rs.getDouble("cpus"), rs.getLong("memory_mb"),
                        rs.getInt("n"))))
                .forEach(e -> load.put(e.getKey(), e.getValue())));
        return load;
    }

    @Override
    public void event(Instant at, String server, String kind, String reason) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO autoscaler_events (at, server, kind, reason) "
                + "VALUES (:at, :server, :kind, :reason)").bind("at", at).bind("server", server).bind("kind", kind)
                .bind("reason", reason).execute());
    }

    @Override
    public List<ScaleEvent> events(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, at, server, kind, reason FROM autoscaler_events "
                        + "ORDER BY id DESC LIMIT :limit").bind("limit", limit)
                .map((rs, ctx) -> new ScaleEvent(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        rs.getString("server"), rs.getString("kind"), rs.getString("reason"))).list());
    }

    private static ProvisionedServer map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ProvisionedServer(rs.getString("name"), rs.getString("provider"), rs.getString("server_type"),
                rs.getString("location"), rs.getString("server_id"), rs.getString("state"), rs.getString("address"),
                rs.getString("ray_node_id"), rs.getDouble("cpus"), rs.getLong("memory_mb"), rs.getInt("slots"),
                rs.getLong("price_micros"), rs.getString("currency"), instant(rs, "requested_at"),
                instant(rs, "created_at"), instant(rs, "ready_at"), instant(rs, "drained_at"), instant(rs, "ended_at"),
                rs.getString("reason"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
