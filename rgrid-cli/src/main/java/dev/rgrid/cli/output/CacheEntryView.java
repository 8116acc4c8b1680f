package dev.rgrid.cli.output;

import dev.rgrid.worker.deps.CacheEntry;
import java.time.Instant;
import java.util.Locale;

/** A dependency cache entry as {@code cache list --json} shows it: kind in lower case, the full image id. */
public record CacheEntryView(String key, String kind, String runtime, String image, long sizeBytes,
                             Instant lastUsed, Instant created, boolean inUse) {
    public static CacheEntryView of(CacheEntry entry) {
        return new CacheEntryView(entry.key(), entry.kind().name().toLowerCase(Locale.ROOT), entry.runtime(), entry.image(),
                entry.sizeBytes(), entry.lastUsed(), entry.created(), entry.inUse());
    }

    /** The image id as docker prints it: the first 12 hex digits. */
    public String shortImage() {
        if (image == null) return null;
        String hex = image.startsWith("sha256:") ? image.substring("sha256:".length()) : image;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
