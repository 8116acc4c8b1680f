package dev.rgrid.core.store.internal;

import dev.rgrid.core.model.DroppedLogs;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

public final class ExecutionRowMapper implements RowMapper<Execution> {
    @Override
    public Execution map(ResultSet rs, StatementContext ctx) throws SQLException {
        Limits limits = new Limits(rs.getLong("memory_mb"), rs.getDouble("cpus"),
                Duration.ofMillis(rs.getLong("timeout_ms")), rs.getInt("pids_limit"));
        int exitCode = rs.getInt("exit_code");
        Integer exit = rs.wasNull() ? null : exitCode;
        return new Execution(
                rs.getString("id"),
                rs.getString("script_name"),
                Json.list(rs.getString("args")),
                rs.getString("runtime"),
                rs.getString("image"),
                Json.map(rs.getString("env")),
                limits,
                Json.map(rs.getString("metadata")),
                rs.getBoolean("network"),
                ExecutionStatus.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
                rs.getString("reason"),
                exit,
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")),
                rs.getString("node"),
                rs.getString("isolation"),
                rs.getInt("attempt"),
                rs.getString("owner"),
                rs.getString("requirements"),
                rs.getInt("max_attempts"),
                new DroppedLogs(rs.getLong("logs_dropped_lines"), rs.getLong("logs_dropped_bytes")));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
