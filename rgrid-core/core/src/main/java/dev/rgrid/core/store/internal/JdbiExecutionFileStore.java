package dev.rgrid.core.store.internal;

import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.FileKind;
import dev.rgrid.core.store.ExecutionFileStore;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link ExecutionFileStore} on PostgreSQL through Jdbi. */
public final class JdbiExecutionFileStore implements ExecutionFileStore {
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final ExecutionFileSql sql;

    public JdbiExecutionFileStore(Jdbi jdbi) {
        this.sql = jdbi.onDemand(ExecutionFileSql.class);
    }

    @Override
    public void record(String executionId, List<ExecutionFile> files) {
        if (files.isEmpty()) return;
        try {
            sql.upsert(executionId, files.stream().map(f -> f.kind().label()).toList(), files);
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException s && FOREIGN_KEY_VIOLATION.equals(s.getSQLState())) {
                throw new NotFoundException("execution", executionId);
            }
            throw e;
        }
    }

    @Override
    public List<ExecutionFile> list(String executionId, FileKind kind) {
        return sql.list(executionId, kind.label());
    }

    @Override
    public boolean isReferenced(String objectKey) {
        return sql.isReferenced(objectKey);
    }

    @Override
    public int deleteAll(String executionId) {
        return sql.deleteAll(executionId);
    }
}
