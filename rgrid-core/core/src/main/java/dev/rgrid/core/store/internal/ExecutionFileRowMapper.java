package dev.rgrid.core.store.internal;

import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.FileKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps an {@code execution_files} row. */
public final class ExecutionFileRowMapper implements RowMapper<ExecutionFile> {
    @Override
    public ExecutionFile map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ExecutionFile(FileKind.fromLabel(rs.getString("kind")), rs.getString("path"), rs.getLong("size"),
                rs.getString("sha256"), rs.getString("content_type"), rs.getString("object_key"),
                rs.getTimestamp("created_at").toInstant());
    }
}
