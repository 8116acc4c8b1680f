package dev.rgrid.server.service;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.store.ExecutionStore;
import dev.rgrid.sdk.engine.Engine;
import java.util.Optional;

/**
 * Creates executions for an owner. A retry carrying an idempotency key the owner already used gets the
 * first execution back, and nothing new is created or run.
 */
public final class SubmissionService {
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;

    private final Engine engine;
    private final ExecutionStore executions;
    private final RunObserver observer;

    public SubmissionService(Engine engine, ExecutionStore executions, RunObserver observer) {
        this.engine = engine;
        this.executions = executions;
        this.observer = observer;
    }

    public Submission submit(String owner, ExecutionSpec spec, String idempotencyKey) {
        String key = checkKey(idempotencyKey);
        if (key != null) {
            Optional<Execution> existing = executions.findByIdempotencyKey(owner, key);
            if (existing.isPresent()) return new Submission(engine.status(owner, existing.get().id()), false);
        }
        // Two concurrent first attempts with one key both land here; the store keeps one execution and
        // returns it to both (each then answers "created").
        Execution execution = engine.submit(owner, spec, key);
        observer.submitted(execution);
        return new Submission(execution, true);
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
