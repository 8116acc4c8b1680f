package dev.rgrid.core.artifact.internal;

import dev.rgrid.core.InvalidInputException;

/** The errors an upload's content can earn, the same for every store. */
final class Checksums {
    private Checksums() {}

    static InvalidInputException mismatch(String key, String expected, String actual) {
        return new InvalidInputException("checksum_mismatch", "The content uploaded to " + key
                + " does not match its expected SHA-256; nothing was stored", "expected " + expected + ", got " + actual,
                "Upload the file again; it changed or was damaged on the way");
    }

    static InvalidInputException sizeMismatch(String key, long expected, long actual) {
        return new InvalidInputException("size_mismatch", "The content uploaded to " + key
                + " is not as long as announced; nothing was stored", "expected " + expected + " bytes, got " + actual,
                "Upload the file again; it changed or was cut off on the way");
    }

    static InvalidInputException longerThan(String key, long expected) {
        return new InvalidInputException("size_mismatch", "The content uploaded to " + key
                + " is longer than announced; nothing was stored", "expected " + expected + " bytes, got more",
                "Upload the file again; it changed on the way");
    }
}
