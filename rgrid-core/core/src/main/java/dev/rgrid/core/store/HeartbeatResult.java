package dev.rgrid.core.store;

/** What a heartbeat learned: the lease is held (and maybe a cancel was asked for), or it is lost. */
public enum HeartbeatResult {
    HELD, CANCEL_REQUESTED, LOST
}
