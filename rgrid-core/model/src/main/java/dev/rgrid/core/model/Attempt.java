package dev.rgrid.core.model;

import java.time.Instant;

/**
 * One attempt at an execution: where it ran and how it ended. An execution whose attempt was lost (its
 * node died) runs again while attempts remain, so it may have several.
 *
 * @param number  from 1
 * @param node    the node it ran on; null when it never started
 * @param endedAt null while it runs
 * @param status  {@code running}, or how it ended ({@code succeeded}, {@code worker_lost}, ...)
 */
public record Attempt(int number, String node, Instant startedAt, Instant endedAt, String status, String reason) {}
