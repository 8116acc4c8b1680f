package dev.rgrid.worker.node;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.artifact.ArtifactStores;
import dev.rgrid.core.artifact.FileLimits;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.Quantities;
import dev.rgrid.core.config.RGridHome;
import dev.rgrid.core.config.Setting;
import dev.rgrid.core.runtime.RuntimeCatalogue;
import dev.rgrid.core.store.Database;
import dev.rgrid.worker.ExecutionRunner;
import dev.rgrid.worker.WorkerContext;
import dev.rgrid.worker.deps.DependencySettings;
import dev.rgrid.worker.docker.DockerExecutor;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    /** The runner for these settings in this process, made on first use. */
    public static ExecutionRunner runner(Map<String, String> sent, String rayNodeId) {
        return RUNNERS.computeIfAbsent(Map.copyOf(sent), settings -> open(settings, rayNodeId));
    }

    private static ExecutionRunner open(Map<String, String> sent, String rayNodeId) {
        Map<String, String> onNode = ClusterSettings.onNode(sent, System.getenv());
        ConfigSources control = ConfigSources.of(onNode, Map.of());
        if (control.lookup(Setting.DATABASE_URL).isEmpty()) {
            throw new RGridException("database_url_required", "A cluster node needs the control plane's database",
                    "RGRID_DATABASE_URL is not set", "Set RGRID_DATABASE_URL for the server; it is sent to the nodes with each task");
        }
        String node = nodeName(rayNodeId);
        Path nodeHome = control.lookup(Setting.NODE_HOME).map(v -> Path.of(v.value()))
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "rgrid-node-" + shortId(rayNodeId)));
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
        Database database = Database.open(control);
        WorkerContext ctx = new WorkerContext(database.executions(), docker, RuntimeCatalogue.standard(), clock, node,
                heartbeat, WorkerContext.DEFAULT_CONTROL_INTERVAL, nodeHome.resolve("runs"), null,
                ArtifactStores.open(control), database.executionFiles(), FileLimits.from(control),
                DependencySettings.from(nodeSources));
        LOG.info("node {} ready: database {}, artifacts {}, home {}", node, database.description(),
                ctx.artifacts().description(), nodeHome);
        return new ExecutionRunner(ctx);
    }

    /** How executions name this node: its host and the start of its Ray node id ({@code worker-1/8f3a2c1d}). */
    static String nodeName(String rayNodeId) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return host + "/" + shortId(rayNodeId);
    }

    private static String shortId(String rayNodeId) {
        return rayNodeId.length() > 8 ? rayNodeId.substring(0, 8) : rayNodeId;
    }
}
