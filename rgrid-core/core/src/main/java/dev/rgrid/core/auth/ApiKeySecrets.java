package dev.rgrid.core.auth;

import dev.rgrid.core.artifact.Sha256;
import java.security.SecureRandom;

/**
 * Key secrets: {@code rgk_} and 40 random base-62 characters (about 238 bits). With that much entropy a
 * plain SHA-256 is a safe hash (no password stretching needed), and lookup by hash is one index probe.
 */
public final class ApiKeySecrets {
    public static final String PREFIX = "rgk_";
    private static final int MAX_LENGTH = 128;
    static final int SHOWN = 8;
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {}

    public static String generate() {
        StringBuilder sb = new StringBuilder(PREFIX);
        for (int i = 0; i < 40; i++) sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        return sb.toString();
    }

    /** Whether {@code secret} can be a key at all (worth a lookup): prefixed, and not absurdly long. */
    public static boolean wellFormed(String secret) {
        return secret != null && secret.startsWith(PREFIX) && secret.length() <= MAX_LENGTH;
    }

    public static String hash(String secret) {
        return Sha256.of(secret);
    }

    /** What may be shown of a secret: {@code rgk_AbCd1234}. */
    public static String prefix(String secret) {
        return secret.substring(0, Math.min(secret.length(), PREFIX.length() + SHOWN));
    }
}
