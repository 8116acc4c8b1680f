package dev.rgrid.core.auth.internal;

import dev.rgrid.core.auth.ApiKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps an {@code api_keys} row; written out so the per-request lookup needs no reflective mapper. */
final class ApiKeyRowMapper implements RowMapper<ApiKey> {
    static final ApiKeyRowMapper INSTANCE = new ApiKeyRowMapper();

    @Override
    public ApiKey map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ApiKey(rs.getString("id"), rs.getString("name"), rs.getString("owner"), rs.getString("prefix"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
