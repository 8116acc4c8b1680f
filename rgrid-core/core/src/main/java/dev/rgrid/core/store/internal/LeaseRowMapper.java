package dev.rgrid.core.store.internal;

import dev.rgrid.core.store.Lease;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

public final class LeaseRowMapper implements RowMapper<Lease> {
    @Override
    public Lease map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Lease(rs.getString("id"), rs.getLong("version"), rs.getInt("attempt"));
    }
}
