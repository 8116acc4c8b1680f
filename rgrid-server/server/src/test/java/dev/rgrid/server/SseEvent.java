package dev.rgrid.server;

import java.time.Instant;

/** One Server-Sent Event as a test client received it, with when it arrived. */
record SseEvent(String event, String id, String data, Instant receivedAt) {}
