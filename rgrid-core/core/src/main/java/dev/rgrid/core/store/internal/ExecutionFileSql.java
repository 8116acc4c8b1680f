package dev.rgrid.core.store.internal;

import dev.rgrid.core.model.ExecutionFile;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/** The statements on {@code execution_files}. */
public interface ExecutionFileSql {

    /** One row per element of {@code kinds} and {@code files}, which go in step; a batch is one transaction. */
    @SqlBatch("INSERT INTO execution_files (execution_id, kind, path, size, sha256, content_type, object_key, created_at) "
            + "VALUES (:executionId, :kind, :f.path, :f.size, :f.sha256, :f.contentType, :f.objectKey, :f.createdAt) "
            + "ON CONFLICT (execution_id, kind, path) DO UPDATE SET size = EXCLUDED.size, sha256 = EXCLUDED.sha256, "
            + "content_type = EXCLUDED.content_type, object_key = EXCLUDED.object_key, created_at = EXCLUDED.created_at")
    void upsert(@Bind("executionId") String executionId, @Bind("kind") List<String> kinds,
                @BindMethods("f") List<ExecutionFile> files);

    @SqlQuery("SELECT kind, path, size, sha256, content_type, object_key, created_at FROM execution_files "
            + "WHERE execution_id = :id AND kind = :kind ORDER BY path")
    @UseRowMapper(ExecutionFileRowMapper.class)
    List<ExecutionFile> list(@Bind("id") String executionId, @Bind("kind") String kind);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM execution_files WHERE object_key = :key)")
    boolean isReferenced(@Bind("key") String objectKey);

    @SqlUpdate("DELETE FROM execution_files WHERE execution_id = :id")
    int deleteAll(@Bind("id") String executionId);
}
