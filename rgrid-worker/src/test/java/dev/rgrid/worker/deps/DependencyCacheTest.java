package dev.rgrid.worker.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.testing.SettableClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache on its own: eviction, failed installs, clearing, and other processes using the same directory. */
class DependencyCacheTest {
    static final String A = "a".repeat(32);
    static final String B = "b".repeat(32);
    static final String C = "c".repeat(32);
    static final String D = "d".repeat(32);

    @TempDir
    Path dir;
    final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private CachedEnvironment acquire(DependencyCache cache, String key) {
        clock.advance(Duration.ofMinutes(1));
        return cache.acquire(key, CacheHolder.description(), into -> write(into.resolve("site.txt"), 1000));
    }

    private static void write(Path file, int bytes) {
        try {
            Files.writeString(file, "x".repeat(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> keys(DependencyCache cache) {
        return cache.list().stream().map(CacheEntry::key).toList();
    }

    @Test
    void over_its_size_the_least_recently_used_entry_not_in_use_goes() {
        DependencyCache cache = new DependencyCache(dir, 2500, clock);
        CachedEnvironment a = acquire(cache, A); // the oldest, but in use throughout
        acquire(cache, B).close();

        acquire(cache, C).close();

        assertEquals(List.of(A, C), keys(cache), "B went; A stayed because a run uses it");
        a.close();
        acquire(cache, C).close(); // a hit: C is now the most recently used
        acquire(cache, D).close();
        assertEquals(List.of(C, D), keys(cache));
    }

    @Test
    void a_hit_runs_no_install_and_refreshes_last_used() {
        DependencyCache cache = new DependencyCache(dir, 10_000, clock);
        acquire(cache, A).close();
        Instant created = cache.list().get(0).created();

        try (CachedEnvironment again = cache.acquire(A, CacheHolder.description(), into -> {
            throw new AssertionError("a hit must not install");
        })) {
            assertFalse(again.installed());
            assertTrue(Files.isRegularFile(again.dir().resolve("site.txt")));
        }
        CacheEntry entry = cache.list().get(0);
        assertEquals(created, entry.created());
        assertEquals(clock.instant(), entry.lastUsed());
        assertEquals(1000, entry.sizeBytes());
        assertEquals("python3.11", entry.runtime());
        assertEquals("sha256:test", entry.image());
    }

    @Test
    void a_failed_install_leaves_nothing_and_the_next_run_installs_afresh() throws IOException {
        DependencyCache cache = new DependencyCache(dir, 10_000, clock);

        assertThrows(IllegalStateException.class, () -> cache.acquire(A, CacheHolder.description(), into -> {
            write(into.resolve("half.txt"), 10);
            throw new IllegalStateException("pip failed");
        }));

        assertTrue(cache.list().isEmpty());
        try (var left = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, left.count());
        }
        try (CachedEnvironment env = acquire(cache, A)) {
            assertTrue(env.installed());
            assertFalse(Files.exists(env.dir().resolve("half.txt")));
        }
    }

    @Test
    void clearing_removes_entries_not_in_use() {
        DependencyCache cache = new DependencyCache(dir, 10_000, clock);
        acquire(cache, A).close();
        acquire(cache, B).close();
        try (CachedEnvironment c = acquire(cache, C)) {
            assertEquals(List.of(A), cache.clear(A).removed());
            assertEquals(List.of(C), cache.clear(C).inUse(), "in use");
            assertEquals(1, cache.clear().removed().size());
            assertEquals(List.of(C), keys(cache));
            assertTrue(cache.list().get(0).inUse());
        }
        assertThrows(NotFoundException.class, () -> cache.clear(A));
        assertEquals(1, cache.clear().removed().size());
        assertTrue(cache.list().isEmpty());
    }

    @Test
    void another_process_installing_the_same_key_makes_this_one_wait_and_use_its_install() throws Exception {
        Process other = holder(A);
        BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
        Writer in = other.outputWriter(StandardCharsets.UTF_8);
        try {
            assertEquals("installing", out.readLine());
            DependencyCache cache = new DependencyCache(dir, 10_000, clock);
            CompletableFuture<CachedEnvironment> mine = CompletableFuture.supplyAsync(
                    () -> cache.acquire(A, CacheHolder.description(), into -> write(into.resolve("mine.txt"), 1)));
            in.write("go\n");
            in.flush();
            assertEquals("holding true", out.readLine());
            try (CachedEnvironment env = mine.get(60, TimeUnit.SECONDS)) {
                assertFalse(env.installed(), "the other process installed it");
                assertTrue(Files.exists(env.dir().resolve("site.txt")));
            }
            assertEquals(List.of("installed"), Files.readAllLines(dir.resolve("installs.log")));
        } finally {
            in.close();
            other.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void an_entry_another_process_uses_is_neither_evicted_nor_cleared() throws Exception {
        Process other = holder(A);
        BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
        Writer in = other.outputWriter(StandardCharsets.UTF_8);
        DependencyCache cache = new DependencyCache(dir, 1500, clock);
        try {
            assertEquals("installing", out.readLine());
            in.write("go\n");
            in.flush();
            assertEquals("holding true", out.readLine());

            acquire(cache, B).close(); // over the limit, but A is in use elsewhere and B was in use here
            CacheEntry a = cache.list().stream().filter(e -> e.key().equals(A)).findFirst().orElseThrow();
            assertTrue(a.inUse());
            assertEquals(List.of(A), cache.clear(A).inUse());
            assertEquals(1, cache.clear().removed().size(), "B goes, A stays");
            assertEquals(List.of(A), keys(cache));
        } finally {
            in.close();
            assertEquals(0, other.waitFor(60, TimeUnit.SECONDS) ? other.exitValue() : -1);
        }
        assertEquals(List.of(A), cache.clear(A).removed(), "no one uses it any more");
    }

    private Process holder(String key) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CacheHolder.class.getName(),
                dir.toString(), key).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
