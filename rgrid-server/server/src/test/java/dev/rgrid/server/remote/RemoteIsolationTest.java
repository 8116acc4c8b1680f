package dev.rgrid.server.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.RGridException;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteRGrid;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two owners through the SDK: each sees only its own runs, and another's id is "not found"; keys that stop working. */
class RemoteIsolationTest {
    @RegisterExtension static final SharedServer server = new SharedServer();

    private static ExecutionSpec hello() {
        return ExecutionSpec.builder("hello.py", "print('mine')".getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void another_owners_execution_is_not_found_through_every_call() {
        try (RGrid alice = RGrid.connect(server.url(), server.newKey("alice").secret());
             RGrid bob = RGrid.connect(server.url(), server.newKey("bob").secret())) {
            Execution mine = alice.submit(hello());
            String id = mine.id();

            NotFoundException e = assertThrows(NotFoundException.class, () -> bob.status(id));
            assertEquals(id, e.value());
            assertEquals("execution_not_found", e.code());
            assertThrows(NotFoundException.class, () -> bob.logs(id, LogQuery.all()));
            assertThrows(NotFoundException.class, () -> bob.followLogs(id, LogQuery.all(), line -> { }));
            assertThrows(NotFoundException.class, () -> bob.await(id, Duration.ofSeconds(1)));
            assertThrows(NotFoundException.class, () -> bob.cancel(id));
            assertTrue(bob.list(ExecutionQuery.recent()).stream().noneMatch(x -> x.id().equals(id)));

            assertEquals(id, alice.await(id, Duration.ofSeconds(60)).id());
            assertTrue(alice.list(ExecutionQuery.recent()).stream().anyMatch(x -> x.id().equals(id)));
        }
    }

    @Test
    void a_revoked_key_stops_working_at_once_with_a_hint_to_run_init() {
        SharedServer.Key key = server.newKey("carol");
        try (RemoteRGrid carol = RGrid.connect(server.url(), key.secret())) {
            assertEquals("carol", carol.whoami().owner());

            server.revoke(key);

            RGridException e = assertThrows(RGridException.class, () -> carol.list(ExecutionQuery.recent()));
            assertEquals("unauthorized", e.code());
            assertTrue(e.hint().contains("rgrid init"), e.hint());
            assertTrue(e.value().startsWith(key.secret().substring(0, 8)) && !e.value().contains(key.secret()), e.value());
        }
    }

    @Test
    void an_unknown_key_is_unauthorized_and_not_retried() {
        try (RemoteRGrid stranger = RGrid.connect(server.url(), "rgk_not_a_real_key_at_all")) {
            RGridException e = assertThrows(RGridException.class, stranger::whoami);
            assertEquals("unauthorized", e.code());
            assertEquals("The API key is not valid (unknown or revoked)", e.what());
        }
    }
}
