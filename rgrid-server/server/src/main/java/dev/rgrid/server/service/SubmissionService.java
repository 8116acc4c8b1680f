package dev.rgrid.server.service;

import dev.rgrid.core.model.ExecutionFile;
import java.util.List;
import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.store.Created;
import dev.rgrid.engine.Engine;

/**
 * Creates executions for an owner. A retry carrying an idempotency key the owner already used gets the
 * first execution back, and nothing new is created or run.
 */
public final class SubmissionService {
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;

    private final Engine engine;
    private final RunObserver observer;

    public SubmissionService(Engine engine, RunObserver observer) {
        this.engine = engine;
        this.observer = observer;
    }

    public Submission submit(String owner, ExecutionSpec spec, String idempotencyKey) {
        return submit(owner, spec, idempotencyKey, List.of());
    }

    /** As {@link #submit(String, ExecutionSpec, String)}, with input files the owner uploaded before (checked). */
    public Submission submit(String owner, ExecutionSpec spec, String idempotencyKey, List<ExecutionFile> inputs) {
        // The store decides in one statement whether this key is new, so of two concurrent first attempts
        // with one key exactly one is "created" and the other gets the same execution back.
        Created created = engine.submitUploaded(owner, spec, checkKey(idempotencyKey), inputs);
        if (created.inserted()) observer.submitted(created.execution());
        return new Submission(created.execution(), created.inserted());
    }

    private static String checkKey(String key) {
        if (key == null || key.isEmpty()) return null;
        if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new InvalidInputException("invalid_idempotency_key", "The idempotency key is not valid",
                    key.length() > 40 ? key.substring(0, 40) + "..." : key,
                    "Send up to " + MAX_IDEMPOTENCY_KEY_LENGTH + " printable ASCII characters without spaces, such as a UUID");
        }
        return key;
    }
}
