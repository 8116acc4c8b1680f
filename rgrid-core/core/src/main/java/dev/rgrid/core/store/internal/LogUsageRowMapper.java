package dev.rgrid.core.store.internal;

import dev.rgrid.core.store.LogUsage;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

public final class LogUsageRowMapper implements RowMapper<LogUsage> {
    @Override
    public LogUsage map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new LogUsage(rs.getLong("last_seq"), rs.getLong("bytes"));
    }
}
