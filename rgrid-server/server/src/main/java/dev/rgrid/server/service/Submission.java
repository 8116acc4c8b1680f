package dev.rgrid.server.service;

import dev.rgrid.core.model.Execution;

/** The outcome of a submission: the execution, and whether this request created it (else its idempotency key had). */
public record Submission(Execution execution, boolean created) {}
