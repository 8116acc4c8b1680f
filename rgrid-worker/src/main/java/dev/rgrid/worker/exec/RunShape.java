package dev.rgrid.worker.exec;

import dev.rgrid.core.model.Limits;

/**
 * What a run's container is made with before anything of the run itself is known: its image and its limits
 * (all but the timeout, which is kept by whoever waits) and whether it has a network. Runs of one shape can
 * take a container started ahead for that shape (see {@link Executor#workDir}).
 */
public record RunShape(String target, long memoryMb, double cpus, int pidsLimit, boolean network) {

    public static RunShape of(String target, Limits limits, boolean network) {
        return new RunShape(target, limits.memoryMb(), limits.cpus(), limits.pidsLimit(), network);
    }

    /** The shape of a request; a request that sees mounts besides its work directory has none (null). */
    public static RunShape of(RunRequest request) {
        return request.mounts().isEmpty() ? of(request.target(), request.limits(), request.network()) : null;
    }
}
