package dev.rgrid.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.ProvisionedServer;
import dev.rgrid.core.model.ScaleEvent;
import dev.rgrid.core.model.WorkerNode;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.DatabaseUrl;
import dev.rgrid.engine.scale.Autoscaler;
import dev.rgrid.engine.scale.NodeLaunch;
import dev.rgrid.engine.scale.ProviderServer;
import dev.rgrid.engine.scale.ScaleMetrics;
import dev.rgrid.engine.scale.ScaleSettings;
import dev.rgrid.engine.scale.ServerType;
import dev.rgrid.engine.scale.hetzner.HetznerProvider;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.server.testing.RayTestCluster;
import dev.rgrid.server.testing.hetzner.HetznerEmulator;
import dev.rgrid.worker.ray.RayNodes.RayNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The autoscaler's costs. One scaling decision (a round of {@link Autoscaler}: the queue's demand by shape, the load of
 * every node, the plan) with 10,000 queued runs and 100 ready nodes, on a real PostgreSQL and the emulated Hetzner API,
 * against counting that queue in the same database (target: under 50 ms). And from a run waiting on an empty cluster
 * to its first log line on a node the local provider starts, against starting a bare Ray worker node here (ray start
 * until the head lists it), as a ratio.
 */
final class Autoscale {
    private static final int QUEUED = 10_000;
    private static final int NODES = 100;
    private static final int ROUNDS = 30;
    private static final Duration DECISION_TARGET = Duration.ofMillis(50);

    private Autoscale() {}

    static List<Result> measure() throws Exception {
        return List.of(decision(), firstRun());
    }

    private static Result decision() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             Database db = Database.external(new DatabaseUrl(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null));
             HetznerEmulator hetzner = HetznerEmulator.start("bench", null)) {
            db.migrate();
            Instant now = Instant.now();
            for (int i = 0; i < QUEUED; i++) {
                Limits limits = Limits.DEFAULTS.withMemoryMb(256L * (1 + i % 4));
                db.executions().create(ExecutionSpec.builder("job.py", "print(1)".getBytes(StandardCharsets.UTF_8))
                        .limits(limits).build(), "bench", null, List.of(), now);
            }
            HetznerProvider provider = new HetznerProvider(new HetznerProvider.Options(hetzner.url(), "bench",
                    List.of("cx22", "cx32"), "nbg1", "debian-12", null, List.of(), List.of(), "bench"), new ObjectMapper(),
                    Clock.systemUTC());
            ServerType cx32 = provider.serverTypes().get(1);
            List<RayNode> rayNodes = new ArrayList<>();
            for (int i = 1; i <= NODES; i++) {
                String name = "rgrid-bench-" + i;
                String rayId = String.format("%056x", i);
                db.servers().recordIntent(new ProvisionedServer(name, "hetzner", cx32.name(), "nbg1", null, "requested", null,
                        null, cx32.cpus(), cx32.memoryMb(), cx32.slots(), cx32.priceMicros(), "EUR", now, null, null, null,
                        null, "bench"));
                ProviderServer created = provider.create(new NodeLaunch(name, cx32, Map.of("rgrid-cluster", "bench"),
                        "#cloud-config\n"));
                db.servers().created(name, created.id(), created.address(), now);
                db.servers().ready(name, rayId, now);
                db.nodes().register(new WorkerNode(rayId, "host" + i + "/" + rayId.substring(0, 8), "host" + i, cx32.cpus(),
                        cx32.memoryMb(), cx32.slots(), "bench", WorkerNode.ALIVE, 0, now, now, null), now);
                // Ray's node table for these nodes: no Ray cluster of a hundred nodes fits on this machine.
                rayNodes.add(new RayNode(rayId, created.address(), true, cx32.slots(), name));
            }
            ScaleSettings settings = new ScaleSettings("bench", 0, NODES, 4, Duration.ofSeconds(10), Duration.ofMinutes(5),
                    Duration.ofMinutes(10), Duration.ofSeconds(1));
            Autoscaler autoscaler = new Autoscaler(provider, db.servers(), db.nodes(), () -> rayNodes, settings,
                    new Autoscaler.Bootstrap("127.0.0.1:6380", "http://127.0.0.1/build.tar.gz"), Clock.systemUTC(),
                    Autoscaler.Leadership.always(), new ScaleMetrics());
            double reconciling = millis(autoscaler::round); // the first round lists the provider's 100 servers (two pages)
            Samples rounds = new Samples();
            Samples counts = new Samples();
            for (int i = 0; i < ROUNDS; i++) {
                rounds.add(millis(autoscaler::round));
                counts.add(millis(() -> db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM executions "
                        + "WHERE status IN ('queued', 'dispatched')").mapTo(Long.class).one())));
            }
            double p50 = rounds.percentile(50);
            return new Result("one scaling decision: " + QUEUED + " queued runs (4 shapes), " + NODES + " ready nodes",
                    String.format("p50 %.1f ms, p95 %.1f ms (n=%d); the first, with the provider's list: %.1f ms", p50,
                            rounds.percentile(95), ROUNDS, reconciling),
                    String.format("counting that queue in the same database: p50 %.1f ms", counts.percentile(50)),
                    String.format("ratio p50 %.2fx", p50 / counts.percentile(50)),
                    "p50 < " + DECISION_TARGET.toMillis() + " ms", p50 < DECISION_TARGET.toMillis());
        }
    }

    private static Result firstRun() throws Exception {
        try (RayTestCluster cluster = RayTestCluster.start(0, "2g")) {
            double bare = millis(cluster::addWorker);
            cluster.killNode(cluster.workerPorts().get(0));
            try (ServerUnderTest server = ServerUnderTest.startDriver(cluster.address(), cluster.rayDistJar(),
                    Map.of("RGRID_NODE_PROVIDER", "local", "RGRID_CLUSTER_ID", "bench", "RGRID_RETIRE_MARGIN", "60m"));
                 RGrid rgrid = RGrid.connect(server.url(), server.apiKey())) {
                long start = System.nanoTime();
                String id = rgrid.submit(ExecutionSpec.builder("hello.py", "print('hello', flush=True)"
                        .getBytes(StandardCharsets.UTF_8)).build()).id();
                while (rgrid.logs(id, LogQuery.all()).stream().noneMatch(l -> l.text().equals("hello"))) {
                    if (Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMinutes(3)) > 0) {
                        throw new IllegalStateException("no first log line within 3 minutes: " + rgrid.status(id));
                    }
                    Thread.sleep(50);
                }
                double first = (System.nanoTime() - start) / 1e6;
                double ratio = first / bare;
                // Where the time went, from the server's own records: the ask, the join, the attempt's start.
                Instant submitted = rgrid.status(id).createdAt();
                List<ScaleEvent> events = rgrid.scaleEvents(10);
                System.out.printf("autoscale: from submission, node asked for at +%.1f s, joined Ray at +%.1f s, run started "
                                + "at +%.1f s, first log line seen at +%.1f s%n",
                        since(submitted, at(events, "launch")), since(submitted, at(events, "ready")),
                        since(submitted, rgrid.attempts(id).get(0).startedAt()), first / 1000);
                return new Result("from a run waiting on an empty cluster to its first log line on a new local node",
                        String.format("%.1f s", first / 1000),
                        String.format("a bare Ray worker node started here (ray start until the head lists it): %.1f s",
                                bare / 1000),
                        String.format("ratio %.2fx", ratio), "reported (no target set)", true);
            }
        }
    }

    private static Instant at(List<ScaleEvent> events, String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).map(ScaleEvent::at).reduce((a, b) -> b).orElse(null);
    }

    private static double since(Instant from, Instant to) {
        return to == null ? Double.NaN : Duration.between(from, to).toMillis() / 1000.0;
    }

    private static double millis(Runnable task) {
        long start = System.nanoTime();
        task.run();
        return (System.nanoTime() - start) / 1e6;
    }
}
