package dev.rgrid.core.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.DatabaseUrl;
import dev.rgrid.core.testing.TestPostgres;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.postgresql.PGConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server's key cache against a real PostgreSQL: checks answered from memory, a revocation made by another process
 * (another store on another connection, as {@code rgrid-server keys revoke} is) refused once announced, and no answer
 * from memory while the listening connection is gone.
 */
class ApiKeyCacheTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    private DatabaseUrl url;
    private Database db;
    private CountingStore counted;
    private ApiKeyCache cache;

    @BeforeEach
    void setUp() {
        url = TestPostgres.freshEmbeddedUrl();
        db = Database.external(url);
        db.migrate();
        counted = new CountingStore(db.apiKeys());
        cache = new ApiKeyCache(counted, db::openUnpooled);
        await().atMost(PROMPTLY).until(cache::listening);
    }

    @AfterEach
    void tearDown() {
        cache.close();
        db.close();
    }

    @Test
    void a_key_checked_once_is_answered_from_memory_until_its_recheck() {
        NewApiKey key = db.apiKeys().create("ci", "team", Instant.now());
        Instant now = Instant.now();
        assertEquals("team", cache.authenticate(key.secret(), now).orElseThrow().owner());
        assertEquals("team", cache.authenticate(key.secret(), now.plusSeconds(30)).orElseThrow().owner());
        assertEquals(1, counted.lookups.get(), "the second check asked nothing of the database");
        cache.authenticate(key.secret(), now.plus(ApiKeyCache.RECHECK).plusSeconds(1));
        assertEquals(2, counted.lookups.get(), "after the recheck period it reads the key (and touches last_used_at) again");
    }

    @Test
    void a_key_revoked_by_another_process_is_refused_as_soon_as_the_revocation_returns() {
        NewApiKey key = db.apiKeys().create("laptop", "alice", Instant.now());
        assertTrue(cache.authenticate(key.secret(), Instant.now()).isPresent());
        try (Database elsewhere = Database.external(url)) {
            elsewhere.apiKeys().revoke("laptop", Instant.now());
        }
        assertTrue(cache.authenticate(key.secret(), Instant.now()).isEmpty(), "the revocation returned once the cache confirmed");
    }

    @Test
    void a_revocation_waits_for_a_cache_slow_to_hear_of_it() throws Exception {
        // A server busy elsewhere: its cache takes a while to act on what it is told. The revocation still returns
        // only once that cache dropped the key.
        try (ApiKeyCache slow = new ApiKeyCache(counted, name -> slowToHear(db.openUnpooled(name), Duration.ofMillis(300)))) {
            await().atMost(PROMPTLY).until(slow::listening);
            NewApiKey key = db.apiKeys().create("slow", "team", Instant.now());
            assertTrue(slow.authenticate(key.secret(), Instant.now()).isPresent());
            try (Database elsewhere = Database.external(url)) {
                elsewhere.apiKeys().revoke("slow", Instant.now());
            }
            assertTrue(slow.authenticate(key.secret(), Instant.now()).isEmpty());
        }
    }

    /** The real connection, whose notifications reach their reader {@code delay} late. */
    private static Connection slowToHear(Connection real, Duration delay) {
        InvocationHandler notifications = (proxy, method, args) -> {
            Object result = method.invoke(real.unwrap(PGConnection.class), args);
            if (method.getName().equals("getNotifications") && result != null) Thread.sleep(delay.toMillis());
            return result;
        };
        Object pg = Proxy.newProxyInstance(ApiKeyCacheTest.class.getClassLoader(), new Class<?>[] {PGConnection.class},
                notifications);
        return (Connection) Proxy.newProxyInstance(ApiKeyCacheTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("unwrap") && args[0] == PGConnection.class ? pg
                        : invoke(method, real, args));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void unknown_keys_are_not_remembered() {
        String unknown = "rgk_" + "x".repeat(40);
        assertTrue(cache.authenticate(unknown, Instant.now()).isEmpty());
        assertTrue(cache.authenticate(unknown, Instant.now()).isEmpty());
        assertEquals(2, counted.lookups.get());
    }

    @Test
    void after_its_listening_connection_is_cut_it_listens_again_and_starts_empty() {
        NewApiKey key = db.apiKeys().create("svc", "team", Instant.now());
        assertTrue(cache.authenticate(key.secret(), Instant.now()).isPresent());
        int listener = listenerPid().orElseThrow();
        db.jdbi().useHandle(h -> h.createQuery("SELECT pg_terminate_backend(:pid)").bind("pid", listener)
                .mapTo(Boolean.class).one());
        // Changes announced while it was cut off are lost to it: what it remembered then must not answer again.
        await().atMost(PROMPTLY).until(() -> listenerPid().filter(pid -> pid != listener).isPresent() && cache.listening());
        int before = counted.lookups.get();
        cache.authenticate(key.secret(), Instant.now());
        cache.authenticate(key.secret(), Instant.now());
        assertEquals(before + 1, counted.lookups.get(), "read once from the database, then from memory again");
    }

    private Optional<Integer> listenerPid() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT pid FROM pg_stat_activity WHERE query LIKE 'LISTEN%' "
                + "AND pid <> pg_backend_pid()").mapTo(Integer.class).findFirst());
    }

    /** The real store, counting the lookups that reach the database. */
    private static final class CountingStore implements ApiKeyStore {
        final ApiKeyStore real;
        final AtomicInteger lookups = new AtomicInteger();

        CountingStore(ApiKeyStore real) { this.real = real; }

        @Override public NewApiKey create(String name, String owner, Instant now) { return real.create(name, owner, now); }
        @Override public List<ApiKey> list() { return real.list(); }
        @Override public ApiKey revoke(String nameOrId, Instant now) { return real.revoke(nameOrId, now); }

        @Override
        public Optional<ApiKey> authenticate(String secret, Instant now) {
            lookups.incrementAndGet();
            return real.authenticate(secret, now);
        }
    }
}
