package dev.rgrid.worker.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.rgrid.core.InvalidInputException;
import dev.rgrid.worker.exec.RunRequest;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine calls one run makes, each turning docker-java's failures into RGrid's. */
final class ContainerCalls {
    private static final Logger log = LoggerFactory.getLogger(ContainerCalls.class);

    private final DockerClient client;
    private final RunRequest request;

    ContainerCalls(DockerClient client, RunRequest request) {
        this.client = client;
        this.request = request;
    }

    String create() {
        try {
            CreateContainerResponse created =
                    HardenedContainer.configure(client.createContainerCmd(request.target()), request).exec();
            if (created.getWarnings() != null && created.getWarnings().length > 0) {
                log.info("Docker warns about the container of {}: {}", request.executionId(), Arrays.toString(created.getWarnings()));
            }
            return created.getId();
        } catch (NotFoundException e) {
            throw DockerErrors.imageVanished(request.target(), e);
        } catch (RuntimeException e) {
            throw DockerErrors.translate("create the container", request.target(), e);
        }
    }

    void start(String id) {
        try {
            client.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("exec: ")
                    && (message.contains("executable file not found") || message.contains("no such file or directory"))) {
                String program = request.command().isEmpty() ? "" : request.command().get(0);
                throw new InvalidInputException("command_not_found", "The image has no program to run this script",
                        program, "Use an image that has " + program + ", or one of the named runtimes");
            }
            throw DockerErrors.translate("start the container", id, e);
        }
    }

    /** Kills the container; false when it was not running (any more) or the kill failed. */
    boolean kill(String id) {
        try {
            client.killContainerCmd(id).exec();
            return true;
        } catch (NotFoundException | ConflictException e) {
            return false;
        } catch (RuntimeException e) {
            log.warn("Could not kill container {} of {}: {}", id, request.executionId(), DockerErrors.firstLine(e));
            return false;
        }
    }

    /** Why a container died of SIGKILL when we did not kill it: its memory limit, or a removal by someone else. */
    enum Kill { OOM, REMOVED_ELSEWHERE, UNKNOWN }

    Kill killCause(String id) {
        InspectContainerResponse.ContainerState state;
        try {
            state = client.inspectContainerCmd(id).exec().getState();
        } catch (NotFoundException e) {
            return Kill.REMOVED_ELSEWHERE;
        } catch (RuntimeException e) {
            throw DockerErrors.translate("inspect the container", id, e);
        }
        if (Boolean.TRUE.equals(state.getOOMKilled())) return Kill.OOM;
        // A forced removal marks the container "removing" before it kills it, so this is already visible.
        if ("removing".equals(state.getStatus()) || "dead".equals(state.getStatus())) return Kill.REMOVED_ELSEWHERE;
        return Kill.UNKNOWN;
    }

    ContainerEngineException removedElsewhere(String id) {
        return new ContainerEngineException(ContainerEngineException.FAILED,
                "The container was removed by someone else while the script ran", id,
                "Another RGrid on this Docker engine, or a person (docker rm), removed it; retry the run", null);
    }

    /** Never throws: a container left behind is found later by {@link DockerExecutor#removeOrphans}. */
    void remove(String id) {
        try {
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // Gone already.
        } catch (RuntimeException e) {
            log.warn("Could not remove container {} of {}; it is removed as a leftover later: {}",
                    id, request.executionId(), DockerErrors.firstLine(e));
        }
    }
}
