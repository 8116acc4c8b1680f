package dev.rgrid.core.artifact.internal;

import dev.rgrid.core.InvalidInputException;
import java.util.Locale;

/**
 * What an artifact key may look like, the same for every store: relative, '/'-separated segments,
 * none empty, "." or "..", no backslash or control characters, and no first segment starting with
 * '.' (the stores keep their own bookkeeping there: {@code .tmp/}, {@code .meta/}, {@code .uploads/}).
 */
final class Keys {
    static final int MAX_LENGTH = 1024;

    private Keys() {}

    static String checkKey(String key) {
        if (key == null || key.isEmpty() || key.endsWith("/")) throw invalid("key", key);
        checkSegments("key", key);
        return key;
    }

    /** A prefix is a key's beginning: it may be empty or end with '/'. */
    static String checkPrefix(String prefix) {
        if (prefix == null) throw invalid("prefix", null);
        if (prefix.isEmpty()) return prefix;
        String body = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (body.isEmpty()) throw invalid("prefix", prefix);
        checkSegments("prefix", body);
        return prefix;
    }

    /** What an object's content type is when the uploader gives none. */
    static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    static String contentType(String contentType) {
        return contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType.trim();
    }

    static String checkSha256(String sha256) {
        if (sha256 == null) return null;
        String hex = sha256.trim().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new InvalidInputException("invalid_checksum", "An expected SHA-256 is not 64 hex digits", sha256,
                    "Give the lower-case hex SHA-256, as `sha256sum FILE` prints it");
        }
        return hex;
    }

    private static void checkSegments(String kind, String text) {
        if (text.length() > MAX_LENGTH || text.startsWith("/") || text.startsWith(".")) throw invalid(kind, text);
        for (String segment : text.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) throw invalid(kind, text);
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (c < 0x20 || c == 0x7f || c == '\\') throw invalid(kind, text);
            }
        }
    }

    private static InvalidInputException invalid(String kind, String value) {
        return new InvalidInputException("invalid_key", "An artifact " + kind + " is not a safe relative name", value,
                "Use '/'-separated names without '..', empty parts or a leading '/' or '.', like owners/alice/inputs/data.csv");
    }
}
