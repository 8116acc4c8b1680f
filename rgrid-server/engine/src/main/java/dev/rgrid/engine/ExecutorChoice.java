package dev.rgrid.engine;

import dev.rgrid.worker.docker.DockerExecutor;
import dev.rgrid.worker.exec.Executor;
import dev.rgrid.worker.process.ProcessExecutor;
import java.time.Clock;
import java.util.Optional;

/**
 * A hardened Docker container when an engine answers at the configured host; else a local process,
 * which is not isolated and says so.
 */
record ExecutorChoice(Executor executor, String detail) {

    /** Whether the executor's engine answers now. */
    boolean reachable() {
        return !(executor instanceof DockerExecutor docker) || docker.ping();
    }

    static ExecutorChoice choose(String dockerHost, Clock clock) {
        Optional<DockerExecutor> docker = DockerExecutor.connect(dockerHost, clock);
        if (docker.isPresent()) return new ExecutorChoice(docker.get(), "docker at " + dockerHost);
        return new ExecutorChoice(new ProcessExecutor(clock),
                "no Docker engine is reachable at " + dockerHost + ", so runs are local processes that are NOT isolated "
                        + "(limits: timeout, and memory where the OS allows). Start Docker (infra/setup.sh) to run in containers");
    }
}
