package dev.rgrid.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.auth.ApiKey;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.DatabaseUrl;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.server.testing.CommandResult;
import dev.rgrid.server.testing.ServerProcess;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code rgrid-server keys create|list|revoke}, run as processes; checked against the key store they write to. */
class KeysCommandTest {

    @Test
    void create_shows_the_secret_once_list_never_shows_it_and_revoke_stops_it() {
        DatabaseUrl url = TestPostgres.freshEmbeddedUrl();

        CommandResult created = ServerProcess.run(url, Map.of(), "keys", "create", "--name", "ci-bot", "--owner", "team-ml");
        assertEquals(0, created.exitCode(), created.toString());
        String secret = created.stdout().lines().filter(l -> l.startsWith("rgk_")).findFirst().orElseThrow();
        assertTrue(created.stdout().contains("not shown again"), created.toString());
        assertTrue(created.stdout().contains("team-ml"), created.toString());

        try (Database db = Database.external(url)) {
            Optional<ApiKey> key = db.apiKeys().authenticate(secret, Instant.now());
            assertEquals("team-ml", key.orElseThrow().owner());
            assertEquals("ci-bot", key.orElseThrow().name());

            CommandResult listed = ServerProcess.run(url, Map.of(), "keys", "list");
            assertEquals(0, listed.exitCode(), listed.toString());
            assertTrue(listed.stdout().contains("ci-bot") && listed.stdout().contains("team-ml"), listed.toString());
            assertTrue(listed.stdout().contains(secret.substring(0, 12)), "the prefix is shown: " + listed);
            assertFalse(listed.stdout().contains(secret), "never the secret: " + listed);

            CommandResult revoked = ServerProcess.run(url, Map.of(), "keys", "revoke", "ci-bot");
            assertEquals(0, revoked.exitCode(), revoked.toString());
            assertTrue(db.apiKeys().authenticate(secret, Instant.now()).isEmpty());
            String row = ServerProcess.run(url, Map.of(), "keys", "list").stdout().lines()
                    .filter(l -> l.startsWith("ci-bot")).findFirst().orElseThrow();
            assertFalse(row.trim().endsWith("-"), "the revoked column has a time: " + row);
        }
    }

    @Test
    void the_owner_defaults_to_the_name() {
        DatabaseUrl url = TestPostgres.freshEmbeddedUrl();
        CommandResult created = ServerProcess.run(url, Map.of(), "keys", "create", "--name", "dana");
        assertEquals(0, created.exitCode(), created.toString());
        assertTrue(created.stdout().contains("for owner 'dana'"), created.toString());
    }

    @Test
    void revoking_a_key_that_does_not_exist_fails_with_one_clear_line() {
        DatabaseUrl url = TestPostgres.freshEmbeddedUrl();
        CommandResult r = ServerProcess.run(url, Map.of(), "keys", "revoke", "nobody");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("No active API key with this id [value: nobody]"), r.toString());
        assertFalse(r.stderr().contains("\tat "), r.toString());
    }

    @Test
    void a_second_active_key_with_the_same_name_is_refused() {
        DatabaseUrl url = TestPostgres.freshEmbeddedUrl();
        assertEquals(0, ServerProcess.run(url, Map.of(), "keys", "create", "--name", "dup").exitCode());
        CommandResult again = ServerProcess.run(url, Map.of(), "keys", "create", "--name", "dup");
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.stderr().contains("already has this name"), again.toString());
    }
}
