package dev.rgrid.worker.process;

import java.util.List;

/**
 * Kills a process and everything it started. Descendants go first, in a few rounds, because once a
 * parent dies its children are re-parented and can no longer be found from the root.
 */
final class ProcessTree {
    private static final int ROUNDS = 5;

    private ProcessTree() {}

    static void kill(ProcessHandle root) {
        for (int round = 0; round < ROUNDS; round++) {
            List<ProcessHandle> descendants = root.descendants().toList();
            if (descendants.isEmpty()) break;
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        root.destroyForcibly();
    }
}
