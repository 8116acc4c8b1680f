package dev.rgrid.core.store.internal;

import dev.rgrid.core.model.Attempt;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

public final class AttemptRowMapper implements RowMapper<Attempt> {
    @Override
    public Attempt map(ResultSet rs, StatementContext ctx) throws SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        return new Attempt(rs.getInt("attempt"), rs.getString("node"), rs.getTimestamp("started_at").toInstant(),
                ended == null ? null : ended.toInstant(), rs.getString("status"), rs.getString("reason"));
    }
}
