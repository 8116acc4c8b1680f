package dev.rgrid.core.artifact.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Passes bytes through while computing their SHA-256 and counting them; holds no content. */
final class HashingInputStream extends FilterInputStream {
    private final MessageDigest digest;
    private long count;
    private boolean ended;
    private IOException failure;

    HashingInputStream(InputStream in) {
        super(in);
        this.digest = sha256();
    }

    @Override
    public int read() throws IOException {
        int b = watch(in::read);
        if (b < 0) ended = true;
        if (b >= 0) {
            digest.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = watch(() -> in.read(buffer, offset, length));
        if (n < 0) ended = true;
        if (n > 0) {
            digest.update(buffer, offset, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) {
        return 0; // every byte must pass through the digest
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private interface Read {
        int read() throws IOException;
    }

    private int watch(Read read) throws IOException {
        try {
            return read.read();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** Whether the source reached its end. */
    boolean ended() { return ended; }

    /** The failure the source threw, when it did: the client went away or its file broke. */
    IOException failure() { return failure; }

    /** Bytes read so far. */
    long count() { return count; }

    /** Lower-case hex of the SHA-256 of what was read; call once, after the last read. */
    String sha256Hex() { return HexFormat.of().formatHex(digest.digest()); }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
