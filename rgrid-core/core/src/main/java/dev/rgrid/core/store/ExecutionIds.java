package dev.rgrid.core.store;

import java.security.SecureRandom;

/** Execution ids: {@code exec_} and 16 random base-32 characters, unguessable and easy to copy. */
public final class ExecutionIds {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String PREFIX = "exec_";

    private ExecutionIds() {}

    public static String next() {
        StringBuilder sb = new StringBuilder(PREFIX);
        for (int i = 0; i < 16; i++) sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        return sb.toString();
    }
}
