package dev.rgrid.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.testing.SettableClock;
import dev.rgrid.core.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeyStoreTest {
    private final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private Database db;
    private ApiKeyStore keys;

    @BeforeEach
    void setUp() {
        db = TestPostgres.freshEmbedded();
        db.migrate();
        keys = db.apiKeys();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void a_new_key_authenticates_and_only_its_hash_is_stored() {
        NewApiKey created = keys.create("alice-laptop", "alice", clock.instant());
        assertTrue(created.secret().startsWith("rgk_") && created.secret().length() == 44, created.secret());
        assertEquals(created.key().id(), keys.authenticate(created.secret(), clock.instant()).orElseThrow().id());
        assertEquals("alice", created.key().owner());
        assertTrue(created.secret().startsWith(created.key().prefix()));
        String stored = db.jdbi().withHandle(h -> h.createQuery("SELECT string_agg(t::text, ' ') FROM api_keys t")
                .mapTo(String.class).one());
        assertFalse(stored.contains(created.secret()), "the secret itself is never stored");
    }

    @Test
    void unknown_malformed_and_revoked_keys_do_not_authenticate() {
        NewApiKey created = keys.create("ci", "team", clock.instant());
        assertTrue(keys.authenticate("rgk_" + "x".repeat(40), clock.instant()).isEmpty());
        assertTrue(keys.authenticate("Bearer nonsense", clock.instant()).isEmpty());
        assertTrue(keys.authenticate(null, clock.instant()).isEmpty());
        ApiKey revoked = keys.revoke("ci", clock.instant());
        assertFalse(revoked.active());
        assertTrue(keys.authenticate(created.secret(), clock.instant()).isEmpty(), "revoked stops working at once");
        assertThrows(NotFoundException.class, () -> keys.revoke("ci", clock.instant()));
    }

    @Test
    void names_are_unique_among_active_keys_and_free_again_once_revoked() {
        keys.create("bob", "bob", clock.instant());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> keys.create("bob", "bob", clock.instant()));
        assertEquals("api_key_exists", e.code());
        keys.revoke("bob", clock.instant());
        keys.create("bob", "bob", clock.instant());
        assertEquals(2, keys.list().size());
        assertThrows(InvalidInputException.class, () -> keys.create("has space", "x", clock.instant()));
    }

    @Test
    void last_use_is_recorded_at_most_once_a_minute() {
        NewApiKey created = keys.create("k", "o", clock.instant());
        keys.authenticate(created.secret(), clock.instant());
        Instant first = keys.list().get(0).lastUsedAt();
        assertEquals(clock.instant(), first);
        clock.advance(Duration.ofSeconds(30));
        keys.authenticate(created.secret(), clock.instant());
        assertEquals(first, keys.list().get(0).lastUsedAt());
        clock.advance(Duration.ofSeconds(31));
        keys.authenticate(created.secret(), clock.instant());
        assertEquals(clock.instant(), keys.list().get(0).lastUsedAt());
    }
}
