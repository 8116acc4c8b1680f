package dev.rgrid.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.config.ConfigValue;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
    private static DatabaseUrl parse(String text) {
        return DatabaseUrl.parse(new ConfigValue(text, "DATABASE_URL in the environment"));
    }

    @Test
    void jdbc_urls_pass_through() {
        assertEquals("jdbc:postgresql://db:5432/rgrid?user=a", parse("jdbc:postgresql://db:5432/rgrid?user=a").jdbcUrl());
    }

    @Test
    void deployment_urls_become_jdbc_with_credentials_apart() {
        DatabaseUrl url = parse("postgresql+asyncpg://rgrid:s%40cret@db.internal:6543/rgrid");
        assertEquals("jdbc:postgresql://db.internal:6543/rgrid", url.jdbcUrl());
        assertEquals("rgrid", url.user());
        assertEquals("s@cret", url.password());
        assertEquals("jdbc:postgresql://localhost:5432/x", parse("postgres://u@localhost/x").jdbcUrl());
    }

    @Test
    void a_bad_url_is_refused_without_echoing_the_password() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse("mysql://u:topsecret@h/db"));
        assertEquals("invalid_database_url", e.code());
        assertFalse(e.value().contains("topsecret"), e.value());
        assertTrue(e.hint().contains("postgresql://"), e.hint());
        assertThrows(InvalidInputException.class, () -> parse("postgresql://host-without-db"));
    }
}
