package dev.rgrid.worker.node;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.artifact.ArtifactStores;
import dev.rgrid.core.artifact.FileLimits;
import dev.rgrid.core.model.LogLimits;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.Quantities;
import dev.rgrid.core.config.RGridHome;
import dev.rgrid.core.config.Setting;
import dev.rgrid.core.model.WorkerNode;
import dev.rgrid.core.runtime.RuntimeCatalogue;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.DatabaseUrl;
import dev.rgrid.core.store.NodeStore;
import dev.rgrid.worker.ExecutionRunner;
import dev.rgrid.worker.WorkerContext;
import dev.rgrid.worker.deps.DependencySettings;
import dev.rgrid.worker.docker.DockerExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner of a Ray Java worker process on a cluster node, made on its first task from the settings the
 * control plane sent and kept for the life of the process (Ray keeps its workers between tasks). A node
 * runs scripts only in Docker containers: unlike the embedded default, it never falls back to an
 * unisolated process.
 */
public final class NodeWorker {
    private static final Logger LOG = LoggerFactory.getLogger(NodeWorker.class);
    private static final Map<Map<String, String>, ExecutionRunner> RUNNERS = new ConcurrentHashMap<>();

    private NodeWorker() {}

    /** The runner for these settings in this process, made on first use (the node registers then). */
    public static ExecutionRunner runner(Map<String, String> sent, NodeIdentity node) {
        return RUNNERS.computeIfAbsent(Map.copyOf(sent), settings -> open(settings, node));
    }

    private static ExecutionRunner open(Map<String, String> sent, NodeIdentity identity) {
        String rayNodeId = identity.rayNodeId();
        Map<String, String> onNode = ClusterSettings.onNode(sent, System.getenv());
        ConfigSources control = ConfigSources.of(onNode, Map.of());
        DatabaseUrl databaseUrl = control.lookup(Setting.DATABASE_URL).map(DatabaseUrl::parse).orElseThrow(() ->
                new RGridException("database_url_required", "A cluster node needs the control plane's database",
                        "RGRID_DATABASE_URL is not set",
                        "Set RGRID_DATABASE_URL for the server; it is sent to the nodes with each task"));
        String node = identity.name();
        Path nodeHome = control.lookup(Setting.NODE_HOME).map(v -> Path.of(v.value()))
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "rgrid-node-" + WorkerNode.shortId(rayNodeId)));
        Map<String, String> nodeEnv = new HashMap<>(onNode);
        nodeEnv.put(RGridHome.ENV, nodeHome.toString());
        ConfigSources nodeSources = ConfigSources.of(nodeEnv, Map.of());

        Clock clock = Clock.systemUTC();
        String dockerHost = control.lookup(Setting.DOCKER_HOST).map(ConfigValue::value).orElse(DockerExecutor.DEFAULT_DOCKER_HOST);
        DockerExecutor docker = DockerExecutor.connect(dockerHost, clock).orElseThrow(() -> new RGridException(
                "docker_unreachable_on_node", "No Docker engine answers on node " + node, dockerHost,
                "Start Docker on the node (infra/setup.sh), or set RGRID_DOCKER_HOST in its environment"));
        Duration heartbeat = control.lookup(Setting.HEARTBEAT_INTERVAL)
                .map(v -> Quantities.duration("heartbeat interval", v)).orElse(WorkerContext.DEFAULT_HEARTBEAT_INTERVAL);
        // The control plane owns the schema (it migrates on start); a node only connects, so a node running an
        // older or newer RGrid can never migrate the shared database.
        Database database = Database.external(databaseUrl);
        WorkerContext ctx = new WorkerContext(database.executions(), docker, RuntimeCatalogue.standard(), clock, node,
                heartbeat, WorkerContext.DEFAULT_CONTROL_INTERVAL, nodeHome.resolve("runs"), null,
                ArtifactStores.open(control), database.executionFiles(), FileLimits.from(control),
                DependencySettings.from(nodeSources), LogLimits.from(control));
        ExecutionRunner runner = new ExecutionRunner(ctx, rayNodeId);
        heartbeat(database.nodes(), identity, runner, clock, heartbeat, () -> docker.removeOrphans(ctx.store()::ownsContainer));
        LOG.info("node {} ready: database {}, artifacts {}, home {}", node, database.description(),
                ctx.artifacts().description(), nodeHome);
        return runner;
    }

    /**
     * Registers the node, then heartbeats it with its load for the life of this process, and each time removes
     * orphan containers: those whose attempt was lost while they ran on (their worker process died with its
     * Ray job, say when the control plane restarted), which no one else would stop.
     */
    private static void heartbeat(NodeStore nodes, NodeIdentity identity, ExecutionRunner runner, Clock clock,
                                  Duration interval, Runnable removeOrphans) {
        nodes.register(record(identity, 0, clock.instant()), clock.instant());
        ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rgrid-node-heartbeat");
            t.setDaemon(true);
            return t;
        });
        beat.scheduleAtFixedRate(() -> {
            try {
                if (!nodes.heartbeat(identity.rayNodeId(), runner.runningCount(), clock.instant())) {
                    LOG.warn("node {} was marked dead; registering it again", identity.name());
                    nodes.register(record(identity, runner.runningCount(), clock.instant()), clock.instant());
                }
                removeOrphans.run();
            } catch (RuntimeException e) {
                LOG.warn("node {}: heartbeat failed: {}", identity.name(), e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static WorkerNode record(NodeIdentity identity, int running, Instant now) {
        return new WorkerNode(identity.rayNodeId(), identity.name(), identity.host(), identity.cpus(), identity.memoryMb(),
                identity.slots(), version(), WorkerNode.ALIVE, running, now, now, null);
    }

    private static String version() {
        String version = NodeWorker.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
