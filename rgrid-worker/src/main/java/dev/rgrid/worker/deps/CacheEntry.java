package dev.rgrid.worker.deps;

import java.time.Instant;

/**
 * One installed environment in this node's dependency cache, as `rgrid cache list` shows it.
 *
 * @param key       the content address: runtime image id and manifest, hashed
 * @param runtime   the runtime it was installed for, such as python3.11
 * @param image     the image id (sha256:...) it was installed in
 * @param kind      pip or npm
 * @param sizeBytes what it takes on disk
 * @param inUse     whether a run on this node uses it now (then it is neither evicted nor cleared)
 */
public record CacheEntry(String key, String runtime, String image, DependencyKind kind, long sizeBytes,
                         Instant lastUsed, Instant created, boolean inUse) {}
