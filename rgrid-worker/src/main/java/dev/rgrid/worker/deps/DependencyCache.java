package dev.rgrid.worker.deps;

import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.RGridException;
import dev.rgrid.worker.deps.internal.EntryFiles;
import dev.rgrid.worker.deps.internal.KeyLocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's installed dependency environments, content addressed: one directory per key (runtime image
 * id and manifest), bounded in size with least-recently-used eviction of entries no run uses. Safe for
 * concurrent runs in this and other processes sharing the directory: one installs a key, the others wait
 * and then use it. An install that fails leaves nothing behind.
 */
public final class DependencyCache {
    private static final Logger LOG = LoggerFactory.getLogger(DependencyCache.class);

    private final EntryFiles files;
    private final long maxBytes;
    private final Clock clock;

    public DependencyCache(Path dir, long maxBytes, Clock clock) {
        this.files = new EntryFiles(dir.toAbsolutePath());
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** The cache {@code settings} describe; what `rgrid cache list` and `rgrid cache clear` use. */
    public static DependencyCache open(DependencySettings settings, Clock clock) {
        return new DependencyCache(settings.cacheDir(), settings.maxBytes(), clock);
    }

    /** What an entry is, besides its installed files. */
    public record Description(String runtime, String image, DependencyKind kind) {}

    /** Installs a manifest into an empty directory; throws when it cannot. */
    @FunctionalInterface
    public interface Install {
        void into(Path dir);
    }

    /**
     * The entry for {@code key}, installed through {@code install} first when it is missing (while others
     * asking for the same key wait). Close the result when the run ends; until then it is not evicted.
     */
    public CachedEnvironment acquire(String key, Description description, Install install) {
        boolean[] installed = new boolean[1];
        KeyLocks.Use use;
        try {
            files.createDirectories();
            use = KeyLocks.acquire(files.lock(key), () -> {
                if (files.exists(key)) return;
                files.removeLeftovers(key);
                installed[0] = true;
                installNew(key, description, install);
            });
        } catch (IOException e) {
            throw failure("use", key, e);
        }
        try {
            files.touch(key, clock.instant());
            if (installed[0]) evictToFit();
        } catch (IOException | RuntimeException e) {
            use.close();
            throw e instanceof IOException io ? failure("use", key, io) : (RuntimeException) e;
        }
        return new CachedEnvironment(key, files.env(key), installed[0], use);
    }

    private void installNew(String key, Description description, Install install) throws IOException {
        Path staging = files.newStaging(key);
        try {
            Path env = Files.createDirectory(staging.resolve(EntryFiles.ENV));
            install.into(env);
            var now = clock.instant();
            files.publish(staging, new CacheEntry(key, description.runtime(), description.image(), description.kind(),
                    EntryFiles.size(env), now, now, true));
        } finally {
            EntryFiles.deleteTree(staging); // gone already when published
        }
    }

    /** Every entry, least recently used first. */
    public List<CacheEntry> list() {
        List<CacheEntry> entries = new ArrayList<>();
        if (!Files.isDirectory(files.entries())) return entries;
        try (Stream<Path> dirs = Files.list(files.entries())) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String key = dir.getFileName().toString();
                try {
                    if (files.exists(key)) entries.add(files.read(key, KeyLocks.inUse(files.lock(key))));
                } catch (IOException | UncheckedIOException e) {
                    LOG.debug("Skipping cache entry {}: {}", key, e.getMessage()); // removed meanwhile
                }
            }
        } catch (IOException e) {
            throw failure("list", files.root().toString(), e);
        }
        entries.sort(Comparator.comparing(CacheEntry::lastUsed));
        return entries;
    }

    /** What a clear removed, and what it kept because a run uses it. */
    public record Cleared(List<String> removed, long freedBytes, List<String> inUse) {}

    /** Removes every entry no run uses now. */
    public Cleared clear() {
        return clear(list());
    }

    /** Removes one entry unless a run uses it now. Throws {@link NotFoundException} for an unknown key. */
    public Cleared clear(String key) {
        if (!key.matches("[0-9a-f]{1,64}") || !files.exists(key)) {
            throw new NotFoundException("cache_entry_not_found", "No dependency cache entry with this key", key,
                    "`rgrid cache list` shows the entries on this node");
        }
        try {
            return clear(List.of(files.read(key, KeyLocks.inUse(files.lock(key)))));
        } catch (IOException e) {
            throw failure("read", key, e);
        }
    }

    private Cleared clear(List<CacheEntry> entries) {
        List<String> removed = new ArrayList<>();
        List<String> inUse = new ArrayList<>();
        long freed = 0;
        for (CacheEntry entry : entries) {
            if (remove(entry.key())) {
                removed.add(entry.key());
                freed += entry.sizeBytes();
            } else {
                inUse.add(entry.key());
            }
        }
        return new Cleared(removed, freed, inUse);
    }

    /** The total size of all entries. */
    public long sizeBytes() {
        return list().stream().mapToLong(CacheEntry::sizeBytes).sum();
    }

    private void evictToFit() {
        List<CacheEntry> entries = list();
        long total = entries.stream().mapToLong(CacheEntry::sizeBytes).sum();
        for (CacheEntry entry : entries) {
            if (total <= maxBytes) return;
            if (!entry.inUse() && remove(entry.key())) {
                total -= entry.sizeBytes();
                LOG.info("Evicted dependency cache entry {} ({} bytes, last used {})", entry.key(), entry.sizeBytes(), entry.lastUsed());
            }
        }
    }

    private boolean remove(String key) {
        try {
            return KeyLocks.tryRemove(files.lock(key), () -> files.remove(key));
        } catch (IOException e) {
            throw failure("remove", key, e);
        }
    }

    private RGridException failure(String action, String value, IOException e) {
        return new RGridException("deps_cache_failed", "The dependency cache failed to " + action + " an entry", value,
                "Check free disk space and permissions under " + files.root(), e);
    }
}
