package dev.rgrid.worker.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.runtime.RuntimeEntry;
import dev.rgrid.worker.deps.Installer;
import dev.rgrid.worker.exec.Executor;
import dev.rgrid.worker.exec.LogSink;
import dev.rgrid.worker.exec.RunRequest;
import dev.rgrid.worker.exec.RunShape;
import dev.rgrid.worker.exec.StopSignal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each script in its own hardened, resource-limited container, the isolation RGrid promises.
 * Obtained through {@link #connect} or {@link #open}, which first make sure an engine answers, so a
 * worker without one can fall back to a plain process instead of failing every run.
 */
public final class DockerExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(DockerExecutor.class);
    public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";
    public static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration PULL_TIMEOUT = Duration.ofSeconds(60);

    private final DockerConnection docker;
    private final DockerClient client;
    private final Clock clock;
    private final ImageResolver images;
    private final WarmPool warm;

    DockerExecutor(DockerConnection docker, Clock clock, Duration pullTimeout, int warmShapes) {
        this.docker = docker;
        this.client = docker.commands();
        this.clock = clock;
        this.images = new ImageResolver(docker, pullTimeout);
        this.warm = new WarmPool(client, clock, warmShapes);
    }

    /** An executor on the engine at {@code dockerHost}; throws {@link ContainerEngineException} when none answers. */
    public static DockerExecutor open(String dockerHost, Clock clock) {
        return open(dockerHost, clock, WarmPool.DEFAULT_SHAPES);
    }

    /**
     * As {@link #open(String, Clock)}, keeping a container started ahead for each of the {@code warmShapes} run shapes
     * used last (0: none, every run creates its own).
     */
    public static DockerExecutor open(String dockerHost, Clock clock, int warmShapes) {
        DockerClients.ping(dockerHost, PING_TIMEOUT);
        return new DockerExecutor(DockerClients.open(dockerHost), clock, PULL_TIMEOUT, warmShapes);
    }

    /** An executor on the engine at {@code dockerHost}, or empty (logged) when none answers within about 2 s. */
    public static Optional<DockerExecutor> connect(String dockerHost, Clock clock) {
        try {
            return Optional.of(open(dockerHost, clock));
        } catch (ContainerEngineException e) {
            log.info("No Docker engine at {}: {}", dockerHost, e.what());
            return Optional.empty();
        }
    }

    @Override
    public String isolation() { return "container"; }

    /** Whether the engine answers now (for health checks). */
    public boolean ping() {
        try {
            client.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String resolve(RuntimeEntry runtime) {
        String image = images.resolve(runtime);
        if (!runtime.isExplicitImage()) warm.allow(image);
        return image;
    }

    /** Looks at the images on this engine only; never pulls. */
    @Override
    public Optional<String> findPresent(RuntimeEntry runtime) {
        return runtime.images().stream().filter(images::isPresent).findFirst();
    }

    @Override
    public Outcome run(RunRequest request, LogSink sink, StopSignal stop) {
        String launch = HardenedContainer.launch(request);
        WarmPool.Warm started = launch == null ? null : warm.claim(request);
        if (started == null) {
            warm.release(request.workDir());
            return new ContainerRun(docker, clock, request).execute(sink, stop);
        }
        try {
            return new ContainerRun(docker, clock, request, started, launch).execute(sink, stop);
        } catch (ContainerRun.WarmGone e) {
            log.info("{}: {}; it gets a container of its own", request.executionId(), e.getMessage());
            return new ContainerRun(docker, clock, request).execute(sink, stop);
        }
    }

    @Override
    public Path workDir(Path scratch, String executionId, RunShape shape) throws IOException {
        return warm.workDir(scratch, executionId, shape);
    }

    @Override
    public void release(Path workDir) { warm.release(workDir); }

    @Override
    public Optional<Installer> dependencyInstaller() { return Optional.of(new DockerInstaller(docker, clock)); }

    @Override
    public int removeOrphans(BiPredicate<String, Long> current) {
        List<Container> managed;
        try {
            managed = client.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(HardenedContainer.LABEL_MANAGED, "true")).exec();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("list leftover containers", null, e);
        }
        int removed = 0;
        for (Container container : managed) {
            Map<String, String> labels = container.getLabels() == null ? Map.of() : container.getLabels();
            if (labels.containsKey(WarmPool.LABEL_WARM) && warm.sweepKeeps(container, current)) continue;
            String executionId = labels.get(HardenedContainer.LABEL_EXECUTION);
            long leaseVersion = parseVersion(labels.get(HardenedContainer.LABEL_LEASE));
            if (executionId != null && current.test(executionId, leaseVersion)) continue;
            try {
                client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
                removed++;
                log.info("Removed leftover container {} ({}) of execution {} (lease {})", container.getId(),
                        container.getNames() == null || container.getNames().length == 0 ? "" : container.getNames()[0],
                        executionId, leaseVersion);
            } catch (NotFoundException e) {
                // Removed meanwhile, by its own run.
            } catch (RuntimeException e) {
                log.warn("Could not remove leftover container {}: {}", container.getId(), DockerErrors.firstLine(e));
            }
        }
        return removed;
    }

    private static long parseVersion(String label) {
        try {
            return label == null ? 0 : Long.parseLong(label);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        warm.close();
        Removals.finish(Duration.ofSeconds(10));
        docker.close();
    }

    DockerClient client() { return client; }

    WarmPool warmPool() { return warm; }
}
