package dev.rgrid.core.model;

import java.time.Instant;

/**
 * One decision of the autoscaler, with its reason in words: a launch, a retirement, a failure, a hold-back.
 *
 * @param server the provisioned server it concerns; null for a decision about the cluster (a launch held back)
 * @param kind   {@code launch}, {@code ready}, {@code retire}, {@code fail}, {@code dead}, {@code hold}, {@code adopt},
 *               {@code orphan}, {@code refuse}
 */
public record ScaleEvent(long id, Instant at, String server, String kind, String reason) {}
