package dev.rgrid.worker.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.worker.exec.RunRequest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Containers that outlived their run (a worker crashed mid-run) are removed, those still in use are kept. */
class DockerExecutorLeftoversTest extends DockerScenario {

    @Test
    void leftover_of_an_ended_execution_is_removed_and_a_running_one_is_kept() {
        String ended = "test-ended-" + UUID.randomUUID();
        String running = "test-running-" + UUID.randomUUID();
        String endedContainer = startLabelled(ended);
        String runningContainer = startLabelled(running);
        try {
            // Only our two containers are at stake: other executions on this engine count as running.
            executor.removeOrphans((id, leaseVersion) -> !id.equals(ended));

            assertTrue(containersOf(ended).isEmpty(), "the ended execution's container is removed");
            assertEquals(List.of(runningContainer), containersOf(running).stream().map(c -> c.getId()).toList());
        } finally {
            executor.client().removeContainerCmd(runningContainer).withForce(true).exec();
            if (!containersOf(ended).isEmpty()) executor.client().removeContainerCmd(endedContainer).withForce(true).exec();
        }
    }

    /** A container as a run creates it, left running as a crashed worker would leave it. */
    private String startLabelled(String executionId) {
        RunRequest request = new RunRequest(executionId, workDir, IMAGE, List.of("sleep", "300"),
                java.util.Map.of(), LIMITS, false);
        String id = HardenedContainer.configure(executor.client().createContainerCmd(IMAGE), request).exec().getId();
        executor.client().startContainerCmd(id).exec();
        return id;
    }
}
