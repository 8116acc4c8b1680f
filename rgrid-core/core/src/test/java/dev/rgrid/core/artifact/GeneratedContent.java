package dev.rgrid.core.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * Repeatable pseudo-random bytes made on the fly, so a test can stream hundreds of megabytes without
 * holding them. A hook sees each time another {@code every} bytes have been handed out (to sample the
 * heap or look at the store mid-upload); a stream may also fail at a given offset, like a cut-off client.
 */
final class GeneratedContent extends InputStream {
    private final long size;
    private final long failAt;
    private final long every;
    private final LongConsumer hook;
    private long position;
    private long nextHook;
    private long state;

    private GeneratedContent(long size, long seed, long failAt, long every, LongConsumer hook) {
        this.size = size;
        this.failAt = failAt;
        this.every = every;
        this.hook = hook;
        this.nextHook = every;
        this.state = seed | 1;
    }

    static GeneratedContent of(long size, long seed) {
        return new GeneratedContent(size, seed, Long.MAX_VALUE, Long.MAX_VALUE, at -> {});
    }

    static GeneratedContent failingAt(long size, long seed, long failAt) {
        return new GeneratedContent(size, seed, failAt, Long.MAX_VALUE, at -> {});
    }

    static GeneratedContent watched(long size, long seed, long every, LongConsumer hook) {
        return new GeneratedContent(size, seed, Long.MAX_VALUE, every, hook);
    }

    static GeneratedContent of(long size, long seed, long failAt, long every, LongConsumer hook) {
        return new GeneratedContent(size, seed, failAt, every, hook);
    }

    /** The SHA-256 of {@code of(size, seed)}, computed by streaming it. */
    static String sha256(long size, long seed) {
        return sha256(of(size, seed));
    }

    static String sha256(InputStream in) {
        try (in) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) digest.update(buffer, 0, n);
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (position >= failAt) throw new IOException("connection reset (simulated) at byte " + position);
        if (position >= size) return -1;
        if (length == 0) return 0;
        int n = (int) Math.min(length, Math.min(size - position, failAt - position));
        n = (int) Math.min(n, nextHook - position);
        for (int i = 0; i < n; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            buffer[offset + i] = (byte) state;
        }
        position += n;
        if (position == nextHook) {
            nextHook += every;
            hook.accept(position);
        }
        return n;
    }
}
