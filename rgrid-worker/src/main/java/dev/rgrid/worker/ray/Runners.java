package dev.rgrid.worker.ray;

import dev.rgrid.core.RGridException;
import dev.rgrid.worker.ExecutionRunner;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runners a Ray task can reach in this JVM, by id. Ray tasks are static functions, so this is the
 * one place where the process-wide state lives: in local mode the engine registers its runner here
 * before it dispatches; in a cluster worker the runner is registered when the worker starts.
 */
public final class Runners {
    private static final Map<String, ExecutionRunner> RUNNERS = new ConcurrentHashMap<>();

    private Runners() {}

    public static void register(String id, ExecutionRunner runner) {
        RUNNERS.put(id, runner);
    }

    public static void unregister(String id) {
        RUNNERS.remove(id);
    }

    static ExecutionRunner get(String id) {
        ExecutionRunner runner = RUNNERS.get(id);
        if (runner == null) {
            throw new RGridException("no_runner", "No RGrid runner is registered in this worker", id,
                    "The engine that dispatched this task has closed, or the worker was started without RGrid");
        }
        return runner;
    }
}
