package dev.rgrid.sdk;

/**
 * Hears the bytes of one file move, for progress bars. Called from the thread doing the transfer;
 * keep it cheap. {@code total} is -1 when unknown.
 */
public interface TransferListener {
    TransferListener NONE = new TransferListener() {};

    default void started(String name, long total) {}

    default void progressed(String name, long done) {}

    /** The file was already in the store (same content, same owner): nothing was sent. */
    default void skipped(String name, long total) {}

    default void finished(String name) {}
}
