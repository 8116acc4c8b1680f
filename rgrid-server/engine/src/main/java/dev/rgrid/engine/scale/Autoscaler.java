package dev.rgrid.engine.scale;

import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.ProvisionedServer;
import dev.rgrid.core.model.WorkerNode;
import dev.rgrid.core.store.NodeStore;
import dev.rgrid.core.store.ServerStore;
import dev.rgrid.worker.ray.RayNodes.RayNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions worker nodes as the queue needs them and retires them before they cost another hour.
 *
 * <p>Each round (every {@link ScaleSettings#interval()}, only on the control plane that holds the lead): reconcile the
 * records with the provider's list (adopt what a crashed round created, delete orphans and what never joined, notice
 * what was deleted behind RGrid's back), mark the servers whose Ray node joined as ready and delete those whose node
 * died, then plan ({@link ScalePlanner}) and act: launch what the waiting runs need, retire what is idle near its next
 * billed hour. Every decision is an event with its reason. A round catches, logs and carries on; the provider is listed
 * every {@link #RECONCILE_EVERY} (its rate limit is 3,600 calls an hour), more often only while servers boot.
 */
public final class Autoscaler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Autoscaler.class);
    static final Duration RECONCILE_EVERY = Duration.ofSeconds(30);
    static final Duration RECONCILE_WHILE_BOOTING = Duration.ofSeconds(5);
    /** A create whose answer never came is looked for at the provider this long before it counts as never made. */
    static final Duration CREATE_UNKNOWN_AFTER = Duration.ofMinutes(1);

    /** Whether this control plane leads the autoscaling now; closing gives the lead up. */
    public interface Leadership extends AutoCloseable {
        boolean leads();

        @Override
        void close();

        /** For a single control plane, and tests that step rounds themselves. */
        static Leadership always() {
            return new Leadership() {
                @Override
                public boolean leads() { return true; }

                @Override
                public void close() {}
            };
        }
    }

    /** What new servers are told: the head to join, the build to install. */
    public record Bootstrap(String headAddress, String buildUrl) {}

    private final NodeProvider provider;
    private final ServerStore servers;
    private final NodeStore nodes;
    private final Supplier<List<RayNode>> rayNodes;
    private final ScaleSettings settings;
    private final Bootstrap bootstrap;
    private final Clock clock;
    private final Leadership leads;
    private final ScaleMetrics metrics;
    private ScheduledExecutorService loop;
    private Instant reconciledAt = Instant.EPOCH;
    private Instant launchedAt = Instant.EPOCH;
    private String lastHold;
    /** Servers that failed since one last joined; launches back off while it grows, as the cluster autoscaler does. */
    private int failuresInARow;
    private Instant launchesResumeAt = Instant.EPOCH;
    static final Duration MOST_BACKOFF = Duration.ofMinutes(5);
    /**
     * How long a draining node is kept before it is deleted: a run Ray placed on it just before the drain reaches its
     * start (and is sent back to the queue, its attempt not spent) within this, where a delete would have lost it.
     */
    static final Duration DRAIN_GRACE = Duration.ofSeconds(5);

    public Autoscaler(NodeProvider provider, ServerStore servers, NodeStore nodes, Supplier<List<RayNode>> rayNodes,
                      ScaleSettings settings, Bootstrap bootstrap, Clock clock, Leadership leads, ScaleMetrics metrics) {
        this.provider = provider;
        this.servers = servers;
        this.nodes = nodes;
        this.rayNodes = rayNodes;
        this.settings = settings;
        this.bootstrap = bootstrap;
        this.clock = clock;
        this.leads = leads;
        this.metrics = metrics;
    }

    /** Starts the rounds on a thread of their own (a slow provider call then delays no other chore). */
    public synchronized Autoscaler start() {
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rgrid-autoscaler");
            t.setDaemon(true);
            return t;
        });
        long every = settings.interval().toMillis();
        loop.scheduleWithFixedDelay(this::safeRound, 0, every, TimeUnit.MILLISECONDS);
        LOG.info("autoscaler: {} nodes for cluster {}, {} to {} nodes, types {}", provider.name(), settings.clusterId(),
                settings.minNodes(), settings.maxNodes(), describeTypes());
        return this;
    }

    private String describeTypes() {
        try {
            return provider.serverTypes().stream().map(t -> t.name() + " (" + cpus(t.cpus()) + " CPU, " + t.memoryMb()
                    + " MB, " + price(t) + "/h)").collect(Collectors.joining(", "));
        } catch (RuntimeException e) {
            return "not known yet (" + e.getMessage() + ")";
        }
    }

    private void safeRound() {
        try {
            if (leads.leads()) round();
        } catch (RuntimeException e) {
            LOG.warn("autoscaler: round failed, will try again: {}", e.toString());
        }
    }

    /** Why a run of these limits can never run on the nodes this provider may start; empty when a type fits it. */
    public Optional<String> whyNoTypeFits(Limits limits) {
        List<ServerType> types = provider.serverTypes();
        Shape shape = new Shape(limits.cpus(), limits.memoryMb());
        if (types.stream().anyMatch(t -> t.fits(shape) > 0)) return Optional.empty();
        ServerType largest = types.stream().max((a, b) -> Long.compare(a.memoryMb(), b.memoryMb())).orElse(null);
        return Optional.of(String.format(Locale.ROOT, "No node the cluster may start can run it: it asks %d MB and %s CPU; "
                        + "the largest allowed server type%s. Ask for less (--memory, --cpus), or allow a larger type",
                limits.memoryMb(), cpus(limits.cpus()), largest == null ? "s are none"
                        : " (" + largest.name() + ") offers " + largest.memoryMb() + " MB and " + cpus(largest.cpus()) + " CPU"));
    }

    /** One round; public for tests that step the autoscaler themselves. */
    public synchronized void round() {
        Instant now = clock.instant();
        List<ProvisionedServer> live = servers.live();
        boolean booting = live.stream().anyMatch(s -> !ProvisionedServer.READY.equals(s.state()));
        Duration every = booting ? RECONCILE_WHILE_BOOTING : RECONCILE_EVERY;
        if (Duration.between(reconciledAt, now).compareTo(every) >= 0) {
            reconcile(live, provider.list(), now);
            reconciledAt = now;
            live = servers.live();
        }
        List<WorkerNode> known = nodes.list();
        live = follow(live, known, now);
        Map<String, ServerStore.Load> load = servers.load();
        Map<String, String> nodeNames = known.stream().filter(n -> WorkerNode.ALIVE.equals(n.state()))
                .collect(Collectors.toMap(WorkerNode::id, WorkerNode::name, (a, b) -> a));

        List<ScalePlanner.Node> room = new ArrayList<>();
        int launching = 0;
        for (ProvisionedServer s : live) {
            if (ProvisionedServer.DRAINING.equals(s.state())) continue;
            if (!ProvisionedServer.READY.equals(s.state())) {
                launching++;
                room.add(new ScalePlanner.Node(s.name(), s.cpus(), s.memoryMb(), s.slots()));
                continue;
            }
            ServerStore.Load used = load.getOrDefault(nodeNames.get(s.rayNodeId()), new ServerStore.Load(0, 0, 0));
            room.add(new ScalePlanner.Node(s.name(), s.cpus() - used.cpus(), s.memoryMb() - used.memoryMb(),
                    s.slots() - used.runs()));
        }
        List<ScalePlanner.Waiting> waiting = servers.waiting().stream()
                .map(w -> new ScalePlanner.Waiting(new Shape(w.cpus(), w.memoryMb()), w.count())).toList();
        List<ServerType> types = provider.serverTypes();
        ScalePlanner.Plan plan = ScalePlanner.plan(waiting, room, types, launching,
                new ScalePlanner.Caps(settings.minNodes(), settings.maxNodes(), settings.maxLaunching()));

        String held = plan.held();
        if (!plan.launches().isEmpty()) {
            boolean cooled = launchedAt.equals(Instant.EPOCH)
                    || Duration.between(launchedAt, now).compareTo(settings.cooldown()) >= 0;
            if (now.isBefore(launchesResumeAt)) {
                held = String.format(Locale.ROOT, "launches wait until %s: %d new server%s failed in a row (backing off up "
                        + "to %d min)", launchesResumeAt.truncatedTo(ChronoUnit.SECONDS), failuresInARow,
                        failuresInARow == 1 ? "" : "s", MOST_BACKOFF.toMinutes());
            } else if (cooled) {
                int runs = waiting.stream().mapToInt(ScalePlanner.Waiting::count).sum();
                for (ServerType type : plan.launches()) launch(type, runs, now);
                launchedAt = now;
            }
        }
        hold(held, now);
        retireIdle(live, plan.needed(), load, nodeNames, now);
    }

    /** Records and logs a hold-back once each time its reason changes. */
    private void hold(String why, Instant now) {
        if (why != null && !why.equals(lastHold)) {
            servers.event(now, null, "hold", why);
            LOG.info("autoscaler: holding back: {}", why);
        }
        lastHold = why;
    }

    private void launch(ServerType type, int waitingRuns, Instant now) {
        String name = "rgrid-" + settings.clusterId() + "-" + servers.nextSerial();
        String why = String.format(Locale.ROOT, "%d run%s waiting and no room on the nodes there are: %s is the cheapest "
                        + "allowed type that fits (%s CPU, %d MB, %d slot%s, %s/h)", waitingRuns, waitingRuns == 1 ? "" : "s",
                type.name(), cpus(type.cpus()), type.memoryMb(), type.slots(), type.slots() == 1 ? "" : "s", price(type));
        // The intent first, under its name: a control plane that dies during the call finds the row on start, and the
        // server by that name at the provider.
        servers.recordIntent(new ProvisionedServer(name, provider.name(), type.name(), type.location(), null,
                ProvisionedServer.REQUESTED, null, null, type.cpus(), type.memoryMb(), type.slots(), type.priceMicros(),
                type.currency(), now, null, null, null, null, why));
        servers.event(now, name, "launch", why);
        metrics.launched();
        LOG.info("autoscaler: launching {}: {}", name, why);
        Map<String, String> labels = Map.of("rgrid-cluster", settings.clusterId(), "rgrid-role", "worker",
                "rgrid-pool", type.name());
        try {
            ProviderServer created = provider.create(new NodeLaunch(name, type, labels, userData(name, type)));
            servers.created(name, created.id(), created.address(), created.createdAt() != null ? created.createdAt() : now);
        } catch (ProviderException e) {
            if (e.code().equals("unreachable") || e.code().equals("interrupted")) {
                // No answer: it may exist. The next reconcile looks for it by name, and fails it only when not found.
                LOG.warn("autoscaler: no answer creating {} ({}); looking for it at the next reconcile", name, e.getMessage());
                reconciledAt = Instant.EPOCH;
                return;
            }
            fail(name, null, "the provider refused to create it: " + e.getMessage(), now);
        } catch (IllegalArgumentException e) {
            fail(name, null, "its user data could not be made: " + e.getMessage(), now);
        }
    }

    private String userData(String name, ServerType type) {
        Map<String, String> values = new HashMap<>();
        values.put("head_address", bootstrap.headAddress());
        values.put("build_url", bootstrap.buildUrl() == null ? "none" : bootstrap.buildUrl());
        values.put("name", name);
        values.put("cluster_id", settings.clusterId());
        values.put("cpus", String.valueOf((long) Math.floor(type.cpus())));
        values.put("memory_mb", String.valueOf(type.memoryMb()));
        values.put("slots", String.valueOf(type.slots()));
        return WorkerUserData.render(values);
    }

    /** Brings the records in line with the provider's list. */
    void reconcile(List<ProvisionedServer> live, List<ProviderServer> listed, Instant now) {
        Map<String, ProviderServer> byName = listed.stream()
                .collect(Collectors.toMap(ProviderServer::name, s -> s, (a, b) -> a));
        Set<String> known = live.stream().map(ProvisionedServer::name).collect(Collectors.toSet());
        for (ProvisionedServer s : live) {
            ProviderServer at = byName.get(s.name());
            if (ProvisionedServer.REQUESTED.equals(s.state())) {
                if (at != null) {
                    servers.created(s.name(), at.id(), at.address(), at.createdAt() != null ? at.createdAt() : now);
                    servers.event(now, s.name(), "adopt", "found at the provider after its create's answer was lost (id "
                            + at.id() + "); it boots as asked");
                    LOG.info("autoscaler: adopted {} (id {}), created by a call whose answer was lost", s.name(), at.id());
                } else if (Duration.between(s.requestedAt(), now).compareTo(CREATE_UNKNOWN_AFTER) > 0) {
                    fail(s.name(), null, "the provider never created it (not in its list " + CREATE_UNKNOWN_AFTER.toMinutes()
                            + " min after it was asked)", now);
                }
                continue;
            }
            if (at == null) {
                if (servers.end(s.name(), ProvisionedServer.DEAD, "deleted at the provider outside RGrid", now)) {
                    servers.event(now, s.name(), "dead", "deleted at the provider outside RGrid; its runs are tried again");
                    metrics.ended(ProvisionedServer.DEAD);
                    LOG.warn("autoscaler: {} was deleted at the provider outside RGrid", s.name());
                }
                continue;
            }
            if (at.failure() != null && !ProvisionedServer.READY.equals(s.state())) {
                fail(s.name(), at.id(), "its creation failed at the provider: " + at.failure(), now);
                continue;
            }
            // From our own ask, not the provider's creation time: that is when billing started, on the provider's clock.
            if (ProvisionedServer.BOOTING.equals(s.state()) && s.readyAt() == null
                    && Duration.between(s.requestedAt(), now).compareTo(settings.joinDeadline()) > 0) {
                fail(s.name(), at.id(), "it did not join Ray within " + minutes(settings.joinDeadline())
                        + " (RGRID_JOIN_DEADLINE); the provider says " + at.status(), now);
            }
        }
        for (ProviderServer at : listed) {
            if (known.contains(at.name())) continue;
            String why = servers.find(at.name()).map(s -> "it ended (" + s.state() + ") but was still at the provider")
                    .orElse("no record of this cluster names it");
            deleteQuietly(at.id(), at.name());
            servers.event(now, at.name(), "orphan", "deleted at the provider: " + why);
            metrics.orphanRemoved();
            LOG.warn("autoscaler: deleted orphan server {} (id {}): {}", at.name(), at.id(), why);
        }
    }

    /**
     * Marks booting servers whose Ray node joined as ready, and deletes servers whose node died (Ray reports it dead, or
     * its heartbeats went stale); returns the live servers after.
     */
    private List<ProvisionedServer> follow(List<ProvisionedServer> live, List<WorkerNode> known, Instant now) {
        List<RayNode> ray = rayNodes.get();
        // A node is known for its server by the name it advertises (infra/deploy/worker-start.sh), not its address: an
        // address may have been another server's a moment ago, whose node Ray still holds alive for a while.
        Map<String, RayNode> aliveByServer = new HashMap<>();
        Map<String, RayNode> byId = new HashMap<>();
        for (RayNode n : ray) {
            byId.put(n.id(), n);
            if (n.alive() && n.slots() >= 1 && n.server() != null) aliveByServer.put(n.server(), n);
        }
        Set<String> deadNodes = known.stream().filter(n -> WorkerNode.DEAD.equals(n.state())).map(WorkerNode::id)
                .collect(Collectors.toSet());
        List<ProvisionedServer> after = new ArrayList<>();
        for (ProvisionedServer s : live) {
            if (ProvisionedServer.BOOTING.equals(s.state()) && aliveByServer.containsKey(s.name())) {
                RayNode joined = aliveByServer.get(s.name());
                if (servers.ready(s.name(), joined.id(), now)) {
                    failuresInARow = 0;
                    launchesResumeAt = Instant.EPOCH;
                    Duration took = Duration.between(s.requestedAt(), now);
                    servers.event(now, s.name(), "ready", "joined Ray as node " + joined.id().substring(0, 8) + " "
                            + took.toSeconds() + " s after it was asked for");
                    metrics.joined(took);
                    LOG.info("autoscaler: {} joined Ray as {} after {} s", s.name(), joined.id(), took.toSeconds());
                    s = servers.find(s.name()).orElse(s);
                }
            } else if ((ProvisionedServer.READY.equals(s.state()) || ProvisionedServer.DRAINING.equals(s.state()))
                    && s.rayNodeId() != null) {
                RayNode node = byId.get(s.rayNodeId());
                boolean rayDead = node == null || !node.alive();
                if (ProvisionedServer.DRAINING.equals(s.state())) {
                    // Deleted once runs Ray placed on it before the drain have gone back to the queue (or at once if its
                    // node is gone); a delete that failed is tried again here.
                    if (rayDead || s.drainedAt() == null || !now.isBefore(s.drainedAt().plus(DRAIN_GRACE))) {
                        retire(s, s.reason(), now);
                        continue;
                    }
                    after.add(s);
                    continue;
                }
                if (rayDead || deadNodes.contains(s.rayNodeId())) {
                    String why = rayDead ? "Ray reports its node dead" : "its node's heartbeats stopped";
                    deleteQuietly(s.serverId(), s.name());
                    if (servers.end(s.name(), ProvisionedServer.DEAD, why, now)) {
                        servers.event(now, s.name(), "dead", why + "; deleted at the provider, its runs are tried again");
                        metrics.ended(ProvisionedServer.DEAD);
                        LOG.warn("autoscaler: {} is dead ({}); deleted it", s.name(), why);
                    }
                    continue;
                }
            }
            after.add(s);
        }
        return after;
    }

    private void retireIdle(List<ProvisionedServer> live, Set<String> needed, Map<String, ServerStore.Load> load,
                            Map<String, String> nodeNames, Instant now) {
        long kept = live.stream().filter(s -> !ProvisionedServer.DRAINING.equals(s.state())).count();
        for (ProvisionedServer s : live) {
            if (kept <= settings.minNodes()) return;
            if (!ProvisionedServer.READY.equals(s.state()) || needed.contains(s.name())) continue;
            ServerStore.Load used = load.get(nodeNames.get(s.rayNodeId()));
            if (used != null && used.runs() > 0) continue;
            Instant nextHour = s.nextBilledHour(now);
            if (nextHour == null || Duration.between(now, nextHour).compareTo(settings.retireMargin()) > 0) continue;
            String why = String.format(Locale.ROOT, "idle, and its next billed hour starts in %d s (retired %s before it, "
                            + "RGRID_RETIRE_MARGIN): %d hour%s billed", Duration.between(now, nextHour).toSeconds(),
                    minutes(settings.retireMargin()), s.billedHours(now), s.billedHours(now) == 1 ? "" : "s");
            // Drained first, under the server's lock: a run that lands on it from here on goes back to the queue, and
            // it is deleted DRAIN_GRACE later, once a run Ray placed on it just before has had the time to go back too.
            if (!servers.drain(s.name(), why, now)) continue;
            kept--;
            servers.event(now, s.name(), "drain", why);
            LOG.info("autoscaler: draining {}: {}", s.name(), why);
        }
    }

    private void retire(ProvisionedServer s, String why, Instant now) {
        try {
            provider.delete(s.serverId());
        } catch (ProviderException e) {
            LOG.warn("autoscaler: could not delete {} yet (it stays draining): {}", s.name(), e.getMessage());
            return;
        }
        if (servers.end(s.name(), ProvisionedServer.RETIRED, why, now)) {
            servers.event(now, s.name(), "retire", why);
            metrics.ended(ProvisionedServer.RETIRED);
            LOG.info("autoscaler: retired {}: {}", s.name(), why);
        }
    }

    private void fail(String name, String serverId, String why, Instant now) {
        if (serverId != null) deleteQuietly(serverId, name);
        if (servers.end(name, ProvisionedServer.FAILED, why, now)) {
            failuresInARow++;
            Duration backoff = settings.cooldown().multipliedBy(1L << Math.min(failuresInARow - 1, 10));
            launchesResumeAt = now.plus(backoff.compareTo(MOST_BACKOFF) > 0 ? MOST_BACKOFF : backoff);
            servers.event(now, name, "fail", why + (serverId != null ? "; deleted, and replaced while runs wait" : ""));
            metrics.ended(ProvisionedServer.FAILED);
            LOG.warn("autoscaler: {} failed: {}", name, why);
        }
    }

    private void deleteQuietly(String serverId, String name) {
        if (serverId == null) return;
        try {
            provider.delete(serverId);
        } catch (ProviderException e) {
            LOG.warn("autoscaler: could not delete {} (id {}) yet: {}", name, serverId, e.getMessage());
        }
    }

    static String cpus(double cpus) {
        return cpus == Math.rint(cpus) ? String.valueOf((long) cpus) : String.valueOf(cpus);
    }

    static String price(ServerType t) {
        return t.currency() + " " + java.math.BigDecimal.valueOf(t.priceMicros(), 6).stripTrailingZeros().toPlainString();
    }

    private static String minutes(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    @Override
    public synchronized void close() {
        if (loop != null) loop.shutdownNow();
        leads.close();
        provider.close();
    }
}
