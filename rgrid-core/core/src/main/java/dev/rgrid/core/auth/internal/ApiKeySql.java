package dev.rgrid.core.auth.internal;

import dev.rgrid.core.auth.ApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements on {@code api_keys}. */
@RegisterConstructorMapper(ApiKey.class)
public interface ApiKeySql {
    String COLUMNS = "id, name, owner, prefix, created_at, last_used_at, revoked_at";

    @SqlUpdate("INSERT INTO api_keys (id, name, owner, prefix, key_hash, created_at) "
            + "VALUES (:id, :name, :owner, :prefix, :hash, :now)")
    void insert(@Bind("id") String id, @Bind("name") String name, @Bind("owner") String owner,
                @Bind("prefix") String prefix, @Bind("hash") String hash, @Bind("now") Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id")
    Optional<ApiKey> findById(@Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE name = :name AND revoked_at IS NULL")
    Optional<ApiKey> findActiveByName(@Bind("name") String name);

    @SqlQuery("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at DESC, id")
    List<ApiKey> list();

    @SqlUpdate("UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
    int revoke(@Bind("id") String id, @Bind("now") Instant now);

    @SqlUpdate("UPDATE api_keys SET last_used_at = :now WHERE id = :id")
    void touch(@Bind("id") String id, @Bind("now") Instant now);
}
