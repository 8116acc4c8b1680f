package dev.rgrid.core.artifact.internal;

import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.StoreException;
import dev.rgrid.core.artifact.ArtifactStore;
import dev.rgrid.core.artifact.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Objects as plain files under a directory, for the embedded default. A key is a relative path under
 * the root; each object's size, SHA-256 and content type sit in a sidecar under {@code .meta/}.
 * Uploads stream through a fixed buffer into {@code .tmp/}, are forced to disk and renamed into place
 * atomically, so a cut-off or refused upload never shows; temp files older than
 * {@link #STALE_UPLOAD_AGE} are removed when the store opens. Links are never followed.
 */
public final class LocalArtifactStore implements ArtifactStore {
    /** Temp files at least this old when the store opens are left over from a crash and removed. */
    public static final Duration STALE_UPLOAD_AGE = Duration.ofHours(1);
    static final String TEMP_DIR = ".tmp";
    static final String META_DIR = ".meta";
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path root;
    private final Path temp;
    private final Path meta;

    public LocalArtifactStore(Path root) {
        this(root, Clock.systemUTC());
    }

    public LocalArtifactStore(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.temp = this.root.resolve(TEMP_DIR);
        this.meta = this.root.resolve(META_DIR);
        try {
            Files.createDirectories(temp);
            Files.createDirectories(meta);
        } catch (IOException e) {
            throw failure("The artifact directory cannot be created", this.root, e);
        }
        LocalTempCleaner.removeOlderThan(temp, clock.instant().minus(STALE_UPLOAD_AGE));
    }

    @Override
    public StoredObject put(String key, InputStream data, long size, String contentType, String expectedSha256) {
        Keys.checkKey(key);
        String expected = Keys.checkSha256(expectedSha256);
        Path dataTemp = null;
        Path metaTemp = null;
        try {
            dataTemp = Files.createTempFile(temp, "upload-", ".part");
            HashingInputStream hashing = new HashingInputStream(data);
            copy(key, hashing, dataTemp);
            if (size >= 0 && hashing.count() != size) throw Checksums.sizeMismatch(key, size, hashing.count());
            String actual = hashing.sha256Hex();
            if (expected != null && !expected.equals(actual)) throw Checksums.mismatch(key, expected, actual);
            StoredObject object = new StoredObject(key, hashing.count(), actual, Keys.contentType(contentType));
            metaTemp = Files.createTempFile(temp, "meta-", ".part");
            LocalSidecar.write(metaTemp, object);
            LocalFiles.moveAtomically(metaTemp, metaPath(key));
            LocalFiles.moveAtomically(dataTemp, dataPath(key));
            return object;
        } catch (IOException e) {
            throw failure("The artifact " + key + " cannot be written", root, e);
        } finally {
            deleteQuietly(dataTemp);
            deleteQuietly(metaTemp);
        }
    }

    private static void copy(String key, InputStream in, Path file) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw new StoreException("The upload of " + key + " was cut off before its end; nothing was stored",
                            key, "Upload the file again", e);
                }
                if (n < 0) break;
                out.write(buffer, 0, n);
            }
        }
        LocalFiles.force(file);
    }

    @Override
    public InputStream get(String key) {
        Keys.checkKey(key);
        Path file = dataPath(key);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) throw new NotFoundException("artifact", key);
        try {
            return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("artifact", key);
        } catch (IOException e) {
            throw failure("The artifact " + key + " cannot be read", file, e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        Keys.checkKey(key);
        Path file = dataPath(key);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("The artifact " + key + " cannot be examined", file, e);
        }
        if (!attributes.isRegularFile()) return Optional.empty();
        return LocalSidecar.read(metaPath(key), key, attributes.size()).or(() -> Optional.of(rehash(key, file)));
    }

    /** For an object whose sidecar is missing or stale (a crash between the two renames). */
    private StoredObject rehash(String key, Path file) {
        try (HashingInputStream in = new HashingInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS))) {
            in.transferTo(OutputStream.nullOutputStream());
            return new StoredObject(key, in.count(), in.sha256Hex(), Keys.DEFAULT_CONTENT_TYPE);
        } catch (IOException e) {
            throw failure("The artifact " + key + " cannot be read", file, e);
        }
    }

    @Override
    public List<StoredObject> list(String prefix) {
        Keys.checkPrefix(prefix);
        return LocalKeyWalker.keys(root, prefix).stream().flatMap(key -> stat(key).stream()).toList();
    }

    @Override
    public void delete(String key) {
        Keys.checkKey(key);
        try {
            Files.deleteIfExists(dataPath(key));
            Files.deleteIfExists(metaPath(key));
        } catch (IOException e) {
            throw failure("The artifact " + key + " cannot be deleted", dataPath(key), e);
        }
        LocalFiles.pruneEmpty(dataPath(key).getParent(), root);
        LocalFiles.pruneEmpty(metaPath(key).getParent(), meta);
    }

    @Override
    public int deletePrefix(String prefix) {
        Keys.checkPrefix(prefix);
        List<String> keys = LocalKeyWalker.keys(root, prefix);
        keys.forEach(this::delete);
        return keys.size();
    }

    @Override
    public Optional<URI> presignedGet(String key, Duration expiry) {
        Keys.checkKey(key);
        return Optional.empty();
    }

    @Override
    public boolean isReachable() {
        return Files.isDirectory(root) && Files.isWritable(root) && Files.isWritable(temp);
    }

    @Override
    public String description() {
        return "directory " + root;
    }

    private Path dataPath(String key) {
        return root.resolve(key);
    }

    private Path metaPath(String key) {
        return meta.resolve(key);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) return;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temp file is removed the next time the store opens
        }
    }

    private static StoreException failure(String what, Path where, IOException e) {
        return new StoreException(what, where.toString(),
                "Check that the directory exists, is writable and has room (" + e + ")", e);
    }
}
