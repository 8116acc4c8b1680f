package dev.rgrid.sdk.remote;

/** Told of each retry of a transient failure, before its backoff; called on the thread making the call. */
@FunctionalInterface
public interface RetryListener {
    RetryListener NONE = notice -> {};

    void retrying(RetryNotice notice);
}
