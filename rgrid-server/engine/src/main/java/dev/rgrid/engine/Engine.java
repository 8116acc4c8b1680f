package dev.rgrid.engine;

import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.artifact.ArtifactStore;
import dev.rgrid.core.artifact.ArtifactStores;
import dev.rgrid.core.artifact.FileLimits;
import dev.rgrid.core.artifact.ObjectKeys;
import dev.rgrid.core.auth.ApiKeyStore;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.Setting;
import dev.rgrid.core.lease.Reaper;
import dev.rgrid.core.model.Attempt;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.core.model.FileKind;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.LogLimits;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.ProvisionedServer;
import dev.rgrid.core.model.ScaleEvent;
import dev.rgrid.core.model.WorkerNode;
import dev.rgrid.core.runtime.RuntimeCatalogue;
import dev.rgrid.core.store.Created;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.ExecutionFileStore;
import dev.rgrid.core.store.ExecutionStore;
import dev.rgrid.sdk.Deletion;
import dev.rgrid.sdk.EngineInfo;
import dev.rgrid.engine.LocalOptions.Dispatch;
import dev.rgrid.engine.scale.Autoscaler;
import dev.rgrid.engine.scale.Provisioning;
import dev.rgrid.engine.scale.ScaleMetrics;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.RuntimeInfo;
import dev.rgrid.sdk.TransferListener;
import dev.rgrid.worker.ExecutionRunner;
import dev.rgrid.worker.WorkerContext;
import dev.rgrid.worker.node.ClusterSettings;
import dev.rgrid.worker.ray.NodeMonitor;
import dev.rgrid.worker.ray.RayDispatcher;
import dev.rgrid.worker.ray.RayRuntime;
import dev.rgrid.worker.ray.Runners;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The engine behind {@code RGrid.local()} and the server: records in PostgreSQL (embedded under the RGrid
 * home unless configured), dispatch through Ray in local mode, runs in hardened Docker containers on this
 * machine (or local processes when no Docker engine answers). Every call names the owner it acts for; an
 * execution of another owner is "not found", so ids cannot be probed. {@link #close()} cancels runs in flight.
 */
public final class Engine implements AutoCloseable {
    /** How many provisioned servers a listing shows at most: the live ones and the most recent ended ones. */
    public static final int SERVERS_LISTED = 200;
    private final LocalOptions options;
    private final Clock clock;
    private final Database database;
    private final ExecutionStore store;
    private final ExecutorChoice executor;
    private final RuntimeCatalogue catalogue = RuntimeCatalogue.standard();
    private final ExecutionRunner runner;
    private final String runnerId = "local-" + UUID.randomUUID();
    private final RayDispatcher dispatcher;
    private final Reaper reaper;
    private final Maintenance maintenance = new Maintenance();
    private final Signal signal = new Signal();
    private final ArtifactStore artifacts;
    private final ExecutionFileStore files;
    private final QueueClaims claims;
    private final Submissions submissions;
    /** Provisions and retires worker nodes; null unless a node provider is configured (cluster mode only). */
    private final Autoscaler autoscaler;
    private final ScaleMetrics scaleMetrics = new ScaleMetrics();
    /** Everything opened, closed last-opened first by {@link #close()}, or as soon as a later step of building fails. */
    private final Closer opened;

    private Engine(LocalOptions options, Database database, Closer opened) {
        this.options = options;
        this.clock = options.clock();
        this.database = database;
        this.opened = opened;
        this.store = database.executions();
        this.files = database.executionFiles();
        ExecutorChoice chosen = ExecutorChoice.choose(options.dockerHost(), clock);
        this.executor = opened.add(chosen, () -> chosen.executor().close());
        ResolvedRuntimes resolved = new ResolvedRuntimes(executor.executor(), clock);
        ArtifactStore opening = ArtifactStores.open(options.sources());
        this.artifacts = opened.add(opening, () -> {
            if (opening instanceof AutoCloseable closeable) closeable.close();
        });
        FileLimits fileLimits = FileLimits.from(options.sources());
        WorkerContext ctx = new WorkerContext(store, executor.executor(), catalogue, clock, Nodes.localName(),
                options.heartbeatInterval(), WorkerContext.DEFAULT_CONTROL_INTERVAL,
                options.sources().home().resolve("runs"), signal, artifacts, files, fileLimits,
                dev.rgrid.worker.deps.DependencySettings.from(options.sources()), LogLimits.from(options.sources()));
        this.runner = new ExecutionRunner(ctx);
        this.reaper = new Reaper(store, clock, options.staleAfter(), !options.queueServed());
        Runners.register(runnerId, runner);
        opened.add(() -> Runners.unregister(runnerId));
        Optional<String> cluster = options.sources().lookup(Setting.RAY_ADDRESS).map(ConfigValue::value);
        if (cluster.isPresent()) {
            RayRuntime.acquireCluster(cluster.get(), options.sources().lookup(Setting.RAY_CODE_SEARCH_PATH)
                    .map(ConfigValue::value).orElseGet(RayRuntime::ownCodeSearchPath));
        } else {
            RayRuntime.acquireLocal();
        }
        opened.add(RayRuntime::release);
        this.autoscaler = cluster.isPresent()
                ? Provisioning.open(options.sources(), database, clock, scaleMetrics).orElse(null) : null;
        if (autoscaler != null) opened.add(autoscaler::close);
        this.dispatcher = cluster.isPresent()
                ? RayDispatcher.cluster(ClusterSettings.of(options.sources()), store, clock,
                        autoscaler == null ? null : autoscaler::whyNoTypeFits)
                : RayDispatcher.local(runnerId, store, clock);
        opened.add(dispatcher::close);
        opened.add(runner::stopAll);
        opened.add(maintenance::close);
        this.claims = new QueueClaims(store, dispatcher, signal, clock, executor::reachable,
                !options.queueServed() && options.dispatch() != Dispatch.NONE);
        this.submissions = new Submissions(catalogue, resolved, new InputUploads(artifacts, fileLimits, clock), store,
                claims, options.dispatch() != Dispatch.NONE, clock);
    }

    /**
     * Opens the database, the container engine, the artifact store and Ray, and starts the periodic jobs (the reaper,
     * heartbeats, node monitoring). When a step fails, what the steps before it opened is closed again.
     */
    public static Engine open(LocalOptions options) {
        Closer opened = new Closer();
        try {
            Database database = Database.open(options.sources(), options.stopDatabaseOnClose());
            opened.add(database::close);
            Engine engine = new Engine(options, database, opened);
            engine.start();
            return engine;
        } catch (RuntimeException e) {
            throw opened.closeAfter(e);
        }
    }

    private void start() {
        reaper.reapOnce();
        // An id this store does not know belongs to another RGrid home on the same Docker engine: not ours to remove.
        executor.executor().removeOrphans(store::ownsContainer);
        maintenance.every(options.heartbeatInterval(), "reaper", reaper::reapOnce);
        maintenance.every(options.heartbeatInterval(), "queued heartbeat", claims::touch);
        // Also while it runs, as node workers do: containers a crashed engine of this home left (runs, and containers
        // started ahead, which are another pool's until they are older than any pool keeps one) go once they can.
        maintenance.every(options.heartbeatInterval(), "leftover containers",
                () -> executor.executor().removeOrphans(store::ownsContainer));
        if (RayRuntime.clusterAddress() != null) {
            NodeMonitor nodes = new NodeMonitor(database.nodes(), clock, options.staleAfter());
            maintenance.every(options.heartbeatInterval(), "nodes", nodes::checkOnce);
        }
        if (autoscaler != null) autoscaler.start();
    }

    /** The cluster's worker nodes, alive first; none in the embedded default (Ray in local mode, in this process). */
    public List<WorkerNode> workers() {
        return database.nodes().list();
    }

    /** The servers the autoscaler provisioned, live first, then the most recent; none without a node provider. */
    public List<ProvisionedServer> servers(int limit) {
        return database.servers().list(limit);
    }

    /** The autoscaler's decisions, newest first. */
    public List<ScaleEvent> scaleEvents(int limit) {
        return database.servers().events(limit);
    }

    /** What the autoscaler did since this process started (for metrics); counts stay 0 without a node provider. */
    public ScaleMetrics scaleMetrics() {
        return scaleMetrics;
    }

    /** An {@link RGrid} acting for one owner; closing it leaves the engine open. */
    public RGrid forOwner(String owner) {
        return new OwnerView(this, owner, false);
    }

    /** An {@link RGrid} acting for one owner that closes the engine when it is closed. */
    public RGrid ownedView(String owner) {
        return new OwnerView(this, owner, true);
    }

    /**
     * Checks the spec (runtime known and present, limits sane), records it as queued and starts it. With an
     * idempotency key this owner already used, returns the execution that key created and starts nothing.
     */
    public Created submit(String owner, ExecutionSpec spec, String idempotencyKey) {
        return submit(owner, spec, idempotencyKey, TransferListener.NONE);
    }

    /**
     * As {@link #submit(String, ExecutionSpec, String)}; the input files are uploaded (what the store already
     * holds for this owner is not sent again) before the execution is recorded, telling {@code progress}.
     */
    public Created submit(String owner, ExecutionSpec spec, String idempotencyKey, TransferListener progress) {
        return submissions.submit(owner, spec, idempotencyKey, progress);
    }

    /**
     * As {@link #submit(String, ExecutionSpec, String)}, with input files already in the artifact store (sent
     * through a server): {@code inputs} are recorded with the execution as they are; the caller checked them.
     */
    public Created submitUploaded(String owner, ExecutionSpec spec, String idempotencyKey, List<ExecutionFile> inputs) {
        return submissions.submitUploaded(owner, spec, idempotencyKey, inputs);
    }

    /** Runs queued executions until none is queued or running here for {@code idle}; for a server's queue dispatcher. */
    public void drain(Duration idle) {
        claims.drain(idle);
    }

    /** Waits until no run this engine dispatched is still running, or {@code patience} passed; whether none is. */
    public boolean awaitRunsEnded(Duration patience) {
        return claims.awaitRunsEnded(patience);
    }

    /** Whether a run this engine dispatched is still running; asks nothing of the database. */
    public boolean hasRunsInFlight() {
        return claims.hasRunsInFlight();
    }

    /** The execution if {@code owner} owns it; another owner's is not found, exactly like a missing one. */
    public Execution status(String owner, String id) {
        return store.find(id).filter(e -> e.owner().equals(owner))
                .orElseThrow(() -> new NotFoundException("execution", id));
    }

    public List<LogLine> logs(String owner, String id, LogQuery query) {
        status(owner, id);
        return store.logs(id, query.afterSeq(), query.streams(), query.limit());
    }

    /** Returns the execution as it ended. */
    public Execution followLogs(String owner, String id, LogQuery query, Consumer<LogLine> onLine) {
        status(owner, id);
        return new LogFollower(store, signal).follow(id, query, onLine);
    }

    public Execution await(String owner, String id, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        long seen = signal.events();
        Execution execution = status(owner, id);
        while (!execution.isFinal() && clock.instant().isBefore(deadline)) {
            signal.awaitAfter(seen, Math.min(Signal.POLL_MS, Duration.between(clock.instant(), deadline).toMillis()));
            seen = signal.events();
            execution = store.get(id);
        }
        return execution;
    }

    public Execution cancel(String owner, String id) {
        status(owner, id);
        store.requestCancel(id, clock.instant());
        runner.stop(id);
        return store.get(id);
    }

    /**
     * Deletes an ended execution. Order matters for what a failure leaves: the outputs go first (a retry
     * finds the record and deletes again), then the record with its logs and file rows, then the inputs
     * no execution names any more (a failure there leaves an unreferenced object, never a dangling record).
     */
    public Deletion delete(String owner, String id) {
        Execution execution = status(owner, id);
        if (!execution.isFinal()) store.delete(id); // refuses with execution_active, naming the status
        List<ExecutionFile> inputs = files.list(id, FileKind.INPUT);
        int outputs = artifacts.deletePrefix(ObjectKeys.execution(owner, id));
        if (!store.delete(id)) throw new NotFoundException("execution", id);
        int freed = 0;
        for (String key : inputs.stream().map(ExecutionFile::objectKey).distinct().toList()) {
            if (!files.isReferenced(key)) {
                artifacts.delete(key);
                freed++;
            }
        }
        return new Deletion(id, outputs, freed);
    }

    public List<Execution> list(String owner, ExecutionQuery query) {
        return store.list(query.ownedBy(owner));
    }

    /** The execution's attempts, first to last. */
    public List<Attempt> attempts(String owner, String id) {
        status(owner, id);
        return store.attempts(id);
    }

    /** The files the execution's script wrote under its output directory. */
    public List<ExecutionFile> outputs(String owner, String id) {
        status(owner, id);
        return files.list(id, FileKind.OUTPUT);
    }

    /** One output's content, streamed; an unknown path is not found. */
    public InputStream openOutput(String owner, String id, String path) {
        ExecutionFile file = outputs(owner, id).stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new NotFoundException("output", path));
        return artifacts.get(file.objectKey());
    }

    public ArtifactStore artifacts() {
        return artifacts;
    }

    public List<RuntimeInfo> runtimes() {
        return new RuntimeReport(catalogue, executor.executor()).runtimes();
    }

    public EngineInfo info() {
        return new EngineInfo(executor.executor().isolation(), executor.detail(), database.description());
    }

    /** Whether each part answers now: the database, the container engine, Ray. */
    public EngineHealth health() {
        return new EngineHealth(database.isReachable(), executor.executor().isolation(), executor.reachable(),
                RayRuntime.isUp());
    }

    /** Whether the container engine answers now (true for local processes); asks nothing of the database. */
    public boolean executorReachable() {
        return executor.reachable();
    }

    /** Whether Ray is up in this process; asks nothing of the database. */
    public boolean rayUp() {
        return RayRuntime.isUp();
    }

    public ApiKeyStore apiKeys() {
        return database.apiKeys();
    }

    public Database database() {
        return database;
    }

    /** Stops the periodic jobs and the runs in flight (cancelled), then closes Ray, Docker, the stores and the database. */
    @Override
    public void close() {
        opened.close();
    }
}
