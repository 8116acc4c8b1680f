package dev.rgrid.worker.deps.internal;

import dev.rgrid.worker.deps.CacheEntry;
import dev.rgrid.worker.deps.DependencyKind;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The cache on disk: {@code entries/<key>/} holds {@code entry.properties} and the installed {@code env/};
 * {@code tmp/} holds installs in progress and entries being deleted; {@code locks/<key>.lock} the key's locks.
 * An entry appears by one atomic rename of a finished install, so an entry directory is always complete.
 */
public record EntryFiles(Path root) {
    public static final String ENV = "env";
    static final String PROPERTIES = "entry.properties";

    public Path entries() { return root.resolve("entries"); }
    public Path tmp() { return root.resolve("tmp"); }
    public Path entry(String key) { return entries().resolve(key); }
    public Path env(String key) { return entry(key).resolve(ENV); }
    public Path lock(String key) { return root.resolve("locks").resolve(key + ".lock"); }

    public void createDirectories() throws IOException {
        Files.createDirectories(entries());
        Files.createDirectories(tmp());
        Files.createDirectories(root.resolve("locks"));
    }

    public boolean exists(String key) {
        return Files.isRegularFile(entry(key).resolve(PROPERTIES), LinkOption.NOFOLLOW_LINKS);
    }

    /** A fresh directory under tmp/ for installing {@code key}. */
    public Path newStaging(String key) throws IOException {
        return Files.createDirectory(tmp().resolve(key + "-" + UUID.randomUUID()));
    }

    /** Removes what a crashed install of {@code key} left in tmp/; call it holding the key's install lock. */
    public void removeLeftovers(String key) throws IOException {
        try (Stream<Path> leftovers = Files.list(tmp())) {
            for (Path path : (Iterable<Path>) leftovers::iterator) {
                if (path.getFileName().toString().startsWith(key + "-")) deleteTree(path);
            }
        }
    }

    /** Makes a finished install in {@code staging} the entry for its key, in one rename. */
    public void publish(Path staging, CacheEntry entry) throws IOException {
        write(staging, entry);
        Files.move(staging, entry(entry.key()), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Moves the entry out of sight in one rename, then deletes it. */
    public void remove(String key) throws IOException {
        if (!Files.exists(entry(key), LinkOption.NOFOLLOW_LINKS)) return;
        Path doomed = tmp().resolve(key + "-removed-" + UUID.randomUUID());
        Files.move(entry(key), doomed, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(doomed);
    }

    public CacheEntry read(String key, boolean inUse) throws IOException {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(entry(key).resolve(PROPERTIES))) {
            p.load(reader);
        }
        return new CacheEntry(key, p.getProperty("runtime"), p.getProperty("image"),
                DependencyKind.valueOf(p.getProperty("kind")), Long.parseLong(p.getProperty("size")),
                Instant.parse(p.getProperty("lastUsed")), Instant.parse(p.getProperty("created")), inUse);
    }

    /** Records a use; call it holding a use of the entry, so it cannot be removed meanwhile. */
    public void touch(String key, Instant now) throws IOException {
        CacheEntry old = read(key, true);
        write(entry(key), new CacheEntry(key, old.runtime(), old.image(), old.kind(), old.sizeBytes(), now, old.created(), true));
    }

    private static void write(Path dir, CacheEntry entry) throws IOException {
        Properties p = new Properties();
        p.setProperty("runtime", entry.runtime());
        p.setProperty("image", entry.image());
        p.setProperty("kind", entry.kind().name());
        p.setProperty("size", Long.toString(entry.sizeBytes()));
        p.setProperty("lastUsed", entry.lastUsed().toString());
        p.setProperty("created", entry.created().toString());
        Path temp = dir.resolve(PROPERTIES + "." + UUID.randomUUID());
        try (Writer writer = Files.newBufferedWriter(temp)) {
            p.store(writer, "RGrid dependency cache entry " + entry.key());
        }
        Files.move(temp, dir.resolve(PROPERTIES), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static long size(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
