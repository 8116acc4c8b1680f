package dev.rgrid.core.testing;

import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real PostgreSQL servers for tests, each giving a fresh database per call: an embedded one started
 * once per JVM, and the external one named by {@code RGRID_TEST_DATABASE_URL} (CI starts Debian's
 * PostgreSQL for it).
 */
public final class TestPostgres {
    public static final String EXTERNAL_ENV = "RGRID_TEST_DATABASE_URL";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres embedded;

    private TestPostgres() {}

    /** A fresh, unmigrated database on the shared embedded server. */
    public static Database freshEmbedded() {
        return Database.external(freshEmbeddedUrl());
    }

    /** Where a fresh, unmigrated database on the shared embedded server is: for a server process to use. */
    public static synchronized DatabaseUrl freshEmbeddedUrl() {
        try {
            if (embedded == null) embedded = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = createDatabase(embedded.getJdbcUrl("postgres", "postgres"), "postgres", null);
        return new DatabaseUrl(embedded.getJdbcUrl("postgres", name), "postgres", null);
    }

    public static boolean externalConfigured() {
        String url = System.getenv(EXTERNAL_ENV);
        return url != null && !url.isBlank();
    }

    /** A fresh, unmigrated database on the external server. */
    public static Database freshExternal() {
        DatabaseUrl base = DatabaseUrl.parse(new ConfigValue(System.getenv(EXTERNAL_ENV), EXTERNAL_ENV));
        String name = createDatabase(base.jdbcUrl(), base.user(), base.password());
        String url = base.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        return Database.external(new DatabaseUrl(url, base.user(), base.password()));
    }

    private static String createDatabase(String adminUrl, String user, String password) {
        String name = "rgrid_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = java.sql.DriverManager.getConnection(adminUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + adminUrl, e);
        }
    }
}
