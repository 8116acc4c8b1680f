package dev.rgrid.worker.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.worker.deps.InstallCommands;
import dev.rgrid.worker.deps.InstallJob;
import dev.rgrid.worker.deps.Installer;
import dev.rgrid.worker.exec.LogSink;
import dev.rgrid.worker.exec.RunRequest;
import dev.rgrid.worker.exec.StopSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs dependencies in a container of the runtime's own image, hardened like a script's (nobody, no
 * capabilities, read-only root) but with network, since pip and npm fetch packages, and with more memory
 * and time. The install directory is its /work; what it leaves there is what the cache keeps.
 *
 * <p>The cache keeps host directories bind-mounted read-only into each script's container, rather than a
 * named volume per key or an image committed per key. Measured here (8 starts each of a python3 container,
 * rgrid/python3.11): no mount 237 ms, read-only bind mount + PYTHONPATH 259 ms, named volume 225 ms, committed
 * image 219 ms (commit itself 58 ms) — all within noise of each other. So startup does not decide; a host
 * directory does the rest best: its size is a file walk, its locks and LRU stamps sit beside it on the same
 * file system, eviction is a rename, and nothing depends on the engine's image or volume garbage collection.
 */
final class DockerInstaller implements Installer {
    static final Limits INSTALL_LIMITS = Limits.DEFAULTS.withMemoryMb(2048).withTimeout(Duration.ofMinutes(15))
            .withPidsLimit(1024);

    private final DockerConnection docker;
    private final Clock clock;

    DockerInstaller(DockerConnection docker, Clock clock) {
        this.docker = docker;
        this.clock = clock;
    }

    @Override
    public String imageId(String image) {
        try {
            return docker.commands().inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            throw DockerErrors.imageVanished(image, e);
        } catch (RuntimeException e) {
            throw DockerErrors.translate("inspect the image", image, e);
        }
    }

    @Override
    public Outcome install(InstallJob job, LogSink sink, StopSignal stop) {
        List<String> command = InstallCommands.command(job, RunRequest.CONTAINER_WORKDIR);
        if (!ownedByRoot(job.dir())) {
            // The worker cannot chown to nobody, so nobody's files must stay deletable by the worker (eviction).
            List<String> wrapped = new ArrayList<>(List.of("sh", "-c", "umask 0000 && exec \"$@\"", "sh"));
            wrapped.addAll(command);
            command = wrapped;
        }
        RunRequest request = new RunRequest(job.executionId(), job.dir(), job.image(), command,
                InstallCommands.environment(RunRequest.CONTAINER_WORKDIR), INSTALL_LIMITS, true);
        return new ContainerRun(docker, clock, request).execute(sink, stop);
    }

    private static boolean ownedByRoot(Path dir) {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
