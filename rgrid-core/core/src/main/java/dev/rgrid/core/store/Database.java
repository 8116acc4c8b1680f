package dev.rgrid.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rgrid.core.ConflictException;
import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.StoreException;
import dev.rgrid.core.auth.ApiKeyStore;
import dev.rgrid.core.auth.internal.JdbiApiKeyStore;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.Setting;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.store.internal.EmbeddedPostgresServer;
import dev.rgrid.core.store.internal.JdbiExecutionFileStore;
import dev.rgrid.core.store.internal.JdbiExecutionStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The PostgreSQL database RGrid keeps its records in: an external one named by
 * {@code RGRID_DATABASE_URL} / {@code DATABASE_URL}, else an embedded one under the RGrid home.
 * Opening it applies pending Flyway migrations.
 */
public final class Database implements AutoCloseable {
    /** How long a stop waits for the embedded PostgreSQL to exit. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
    /** How many live executions a refused stop names. */
    static final int IDS_NAMED = 3;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String description;
    private final EmbeddedPostgresServer embedded;

    private Database(HikariDataSource dataSource, String description, EmbeddedPostgresServer embedded) {
        this.dataSource = dataSource;
        this.description = description;
        this.embedded = embedded;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    }

    /** The database the configuration names, migrated; an embedded one stays up after this process. */
    public static Database open(ConfigSources sources) {
        return open(sources, false);
    }

    /** The database the configuration names, migrated; {@code stopEmbeddedOnClose} is for tests. */
    public static Database open(ConfigSources sources, boolean stopEmbeddedOnClose) {
        Optional<DatabaseUrl> url = sources.lookup(Setting.DATABASE_URL).map(DatabaseUrl::parse);
        Database db = url.isPresent() ? external(url.get()) : embedded(embeddedDir(sources), stopEmbeddedOnClose);
        db.migrate();
        return db;
    }

    /** An external PostgreSQL; not migrated until {@link #migrate()}. */
    public static Database external(DatabaseUrl url) {
        HikariDataSource ds = pool(url.jdbcUrl(), url.user(), url.password());
        checkReachable(ds, url.redacted());
        return new Database(ds, "postgresql " + url.redacted(), null);
    }

    /**
     * The embedded PostgreSQL kept in {@code dir}, started if it is not running. It stays up after this
     * process ends (other rgrid commands share it) unless {@code stopOnClose}.
     */
    public static Database embedded(Path dir, boolean stopOnClose) {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.ensureRunning(dir, stopOnClose);
        HikariDataSource ds = pool(server.jdbcUrl(), "postgres", null);
        checkReachable(ds, server.jdbcUrl());
        return new Database(ds, "embedded postgresql in " + dir, server);
    }

    /** Where the embedded PostgreSQL of the configured RGrid home is kept, whether it runs or not. */
    public static Path embeddedDir(ConfigSources sources) {
        return sources.home().resolve("postgres");
    }

    /**
     * Stops the embedded PostgreSQL kept in {@code dir}, if it runs, unless an execution there is still live (its
     * heartbeat after {@code staleCutoff}): that refusal is a {@link ConflictException} naming them. Executions
     * whose heartbeat is older are taken for lost, as the reaper takes them, and do not hold it up.
     */
    public static EmbeddedStop stopEmbedded(Path dir, Instant staleCutoff, Duration timeout) {
        return EmbeddedPostgresServer.stop(dir, timeout, port -> refuseWhileLive(port, staleCutoff));
    }

    private static void refuseWhileLive(int port, Instant staleCutoff) {
        List<Execution> live;
        try (Database db = external(new DatabaseUrl(EmbeddedPostgresServer.jdbcUrl(port), "postgres", null))) {
            live = db.executions().findLive(staleCutoff);
        }
        if (!live.isEmpty()) throw executionsActive(live);
    }

    /** The refusal to stop while {@code live} (not empty) are queued or running, naming them. */
    public static ConflictException executionsActive(List<Execution> live) {
        String named = live.stream().limit(IDS_NAMED).map(Execution::id).collect(Collectors.joining(", "))
                + (live.size() > IDS_NAMED ? " and " + (live.size() - IDS_NAMED) + " more" : "");
        return new ConflictException("executions_active",
                live.size() + (live.size() == 1 ? " execution is" : " executions are") + " still queued or running, so the "
                        + "embedded PostgreSQL cannot stop", named,
                "Wait for them to end, or cancel each (rgrid cancel " + live.get(0).id() + "), then shut down again; "
                        + "`rgrid list --status queued,dispatched,running` shows them all");
    }

    public Jdbi jdbi() { return jdbi; }

    public DataSource dataSource() { return dataSource; }

    public String description() { return description; }

    /**
     * A connection of its own, outside the pool, for a holder that keeps it open for long (a LISTEN for notifications):
     * held from the pool it would take one of the pool's few connections from requests for good. It shows in
     * {@code pg_stat_activity} as {@code applicationName}.
     */
    public Connection openUnpooled(String applicationName) throws SQLException {
        Properties properties = new Properties();
        if (dataSource.getUsername() != null) properties.setProperty("user", dataSource.getUsername());
        if (dataSource.getPassword() != null) properties.setProperty("password", dataSource.getPassword());
        properties.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(dataSource.getJdbcUrl(), properties);
    }

    public ExecutionStore executions() { return new JdbiExecutionStore(jdbi); }

    public ExecutionFileStore executionFiles() { return new JdbiExecutionFileStore(jdbi); }

    public ApiKeyStore apiKeys() { return new JdbiApiKeyStore(jdbi); }

    public NodeStore nodes() { return new dev.rgrid.core.store.internal.JdbiNodeStore(jdbi); }

    public ServerStore servers() { return new dev.rgrid.core.store.internal.JdbiServerStore(jdbi); }

    /** Tables a node's worker reads and writes, and what it may do to each: the whole of what {@link #grantNodeRole} grants. */
    static final List<String> NODE_GRANTS = List.of(
            "GRANT SELECT, UPDATE ON executions TO %1$s",
            "GRANT SELECT, INSERT ON execution_logs TO %1$s",
            "GRANT SELECT, INSERT, UPDATE ON execution_attempts TO %1$s",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON execution_files TO %1$s",
            "GRANT SELECT, INSERT, UPDATE ON nodes TO %1$s",
            // A run's start locks its node's server row (FOR SHARE), which takes an UPDATE right on some column.
            "GRANT SELECT, UPDATE (reason) ON provider_servers TO %1$s",
            "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %1$s");

    /**
     * Gives {@code role} (an existing PostgreSQL role) exactly what a cluster node's worker needs, for
     * {@code RGRID_NODE_DATABASE_URL}: its runs' records, logs, attempts and files, and its own node row. Not the API keys,
     * not the autoscaler's tables beyond reading a server's state, nothing to create or drop.
     */
    public void grantNodeRole(String role) {
        if (!role.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new InvalidInputException("invalid_role", "Not a PostgreSQL role name RGrid grants to", role,
                    "Give a lowercase name of letters, digits and underscores, as created by CREATE ROLE");
        }
        jdbi.useTransaction(h -> {
            h.execute("GRANT USAGE ON SCHEMA public TO " + role);
            for (String grant : NODE_GRANTS) h.execute(String.format(grant, role));
        });
    }

    public MigrateResult migrate() {
        return flyway().migrate();
    }

    /** Every migration known, applied or pending. */
    public MigrationInfo[] migrations() {
        return flyway().info().all();
    }

    /** True when the database answers a trivial query. */
    public boolean isReachable() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Flyway flyway() {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) embedded.close();
    }

    private static HikariDataSource pool(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) config.setUsername(user);
        if (password != null) config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setPoolName("rgrid");
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(5_000);
        return new HikariDataSource(config);
    }

    private static void checkReachable(HikariDataSource ds, String where) {
        try (var connection = ds.getConnection()) {
            connection.isValid(2);
        } catch (Exception e) {
            ds.close();
            throw new StoreException("Cannot connect to the database", where,
                    "Check that PostgreSQL is running there and that the URL, user and password are right", e);
        }
    }
}
