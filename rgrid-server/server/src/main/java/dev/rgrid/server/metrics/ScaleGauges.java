package dev.rgrid.server.metrics;

import dev.rgrid.core.model.ProvisionedServer;
import dev.rgrid.core.store.ServerStore;
import dev.rgrid.engine.scale.ScaleMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The autoscaler's metrics: provisioned nodes by state (from the store, read at most once a second however many gauges
 * a scrape reads), and what this control plane's autoscaler did since it started: launches, ends by state (retired,
 * failed, dead), orphans removed, and the time from asking for a node to its joining Ray.
 */
final class ScaleGauges {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleGauges.class);
    private static final List<String> LIVE = List.of(ProvisionedServer.REQUESTED, ProvisionedServer.BOOTING,
            ProvisionedServer.READY, ProvisionedServer.DRAINING);
    private static final long MAX_AGE_NANOS = Duration.ofSeconds(1).toNanos();

    private final ServerStore servers;
    private Map<String, Long> byState = Map.of();
    private long readAt = System.nanoTime() - MAX_AGE_NANOS - 1;

    private ScaleGauges(ServerStore servers) {
        this.servers = servers;
    }

    static void register(MeterRegistry registry, ServerStore servers, ScaleMetrics done) {
        ScaleGauges gauges = new ScaleGauges(servers);
        for (String state : LIVE) {
            Gauge.builder("rgrid.nodes", gauges, g -> g.count(state)).strongReference(true).tag("state", state)
                    .description("Provisioned nodes in each live state").register(registry);
        }
        FunctionCounter.builder("rgrid.node.launches", done, ScaleMetrics::launches)
                .description("Nodes the autoscaler asked a provider for").register(registry);
        for (String state : List.of(ProvisionedServer.RETIRED, ProvisionedServer.FAILED, ProvisionedServer.DEAD)) {
            FunctionCounter.builder("rgrid.node.ends", done, m -> m.endedIn(state)).tag("state", state)
                    .description("Provisioned nodes that ended: retired when idle, failed to boot or join, or dead")
                    .register(registry);
        }
        FunctionCounter.builder("rgrid.node.orphans.removed", done, ScaleMetrics::orphansRemoved)
                .description("Servers at the provider no record named, deleted").register(registry);
        FunctionTimer.builder("rgrid.node.join", done, ScaleMetrics::joins, ScaleMetrics::joinMillis, TimeUnit.MILLISECONDS)
                .description("From asking for a node to its joining Ray").register(registry);
    }

    private synchronized double count(String state) {
        if (System.nanoTime() - readAt > MAX_AGE_NANOS) {
            try {
                byState = servers.live().stream().collect(Collectors.groupingBy(ProvisionedServer::state, Collectors.counting()));
            } catch (RuntimeException e) {
                LOG.warn("Cannot count provisioned nodes for metrics: {}", e.getMessage());
            }
            readAt = System.nanoTime();
        }
        return byState.getOrDefault(state, 0L);
    }
}
