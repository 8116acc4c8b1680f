package dev.rgrid.core.store.internal;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.store.ExecutionIds;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The execution's insert, the statement every submission makes, in plain JDBC on the handle's own connection (so in
 * its transaction when there is one). Why not Jdbi's fluent query, as elsewhere: profiled under {@code bench/run --only
 * submit}, resolving an argument factory for each of its 17 named bindings (and Jdbi's statement bookkeeping) took more
 * of the server's CPU than PostgreSQL's driver did for the statement itself. The row comes back through the same
 * {@link ExecutionRowMapper} as every read.
 */
final class ExecutionInsert {
    private static final String SQL = "INSERT INTO executions (id, owner, idempotency_key, script_name, script, args, "
            + "runtime, env, memory_mb, cpus, timeout_ms, pids_limit, metadata, network, requirements, max_attempts, "
            + "status, created_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, CAST(? AS jsonb), ?, ?, ?, ?, "
            + "CAST(? AS jsonb), ?, ?, ?, 'queued', ?, ?) "
            + "ON CONFLICT (owner, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING RETURNING "
            + ExecutionSql.COLUMNS;
    private static final ExecutionRowMapper ROWS = new ExecutionRowMapper();

    private ExecutionInsert() {}

    /** The new execution, or empty when the owner already used {@code idempotencyKey}. */
    static Optional<Execution> insert(Handle h, ExecutionSpec spec, String owner, String idempotencyKey, Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        try (PreparedStatement ps = h.getConnection().prepareStatement(SQL)) {
            int i = 0;
            ps.setString(++i, ExecutionIds.next());
            ps.setString(++i, owner);
            ps.setString(++i, idempotencyKey);
            ps.setString(++i, spec.scriptName());
            ps.setBytes(++i, spec.script());
            ps.setString(++i, Json.write(spec.args()));
            ps.setString(++i, spec.runtime());
            ps.setString(++i, Json.write(spec.env()));
            ps.setLong(++i, spec.limits().memoryMb());
            ps.setDouble(++i, spec.limits().cpus());
            ps.setLong(++i, spec.limits().timeout().toMillis());
            ps.setInt(++i, spec.limits().pidsLimit());
            ps.setString(++i, Json.write(spec.metadata()));
            ps.setBoolean(++i, spec.network());
            if (spec.requirements() == null) ps.setNull(++i, Types.VARCHAR); else ps.setString(++i, spec.requirements());
            ps.setInt(++i, spec.maxAttempts());
            ps.setObject(++i, at);
            ps.setObject(++i, at);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ROWS.map(rs, null)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }
}
