package dev.rgrid.sdk.remote.internal;

import dev.rgrid.core.artifact.RelativePaths;
import dev.rgrid.core.model.Attempt;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.ProvisionedServer;
import dev.rgrid.core.model.ScaleEvent;
import dev.rgrid.core.model.WorkerNode;
import dev.rgrid.core.wire.AttemptJson;
import dev.rgrid.core.wire.DeletionJson;
import dev.rgrid.core.wire.ExecutionJson;
import dev.rgrid.core.wire.ProvisionedServerJson;
import dev.rgrid.core.wire.ScaleEventJson;
import dev.rgrid.core.wire.WorkerNodeJson;
import dev.rgrid.core.wire.InputRefJson;
import dev.rgrid.core.wire.OutputJson;
import dev.rgrid.core.wire.SpecJson;
import dev.rgrid.core.wire.WireJson;
import dev.rgrid.sdk.Deletion;
import dev.rgrid.sdk.EngineInfo;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RuntimeInfo;
import dev.rgrid.sdk.TransferListener;
import dev.rgrid.sdk.remote.RemoteOptions;
import dev.rgrid.sdk.remote.RemoteRGrid;
import dev.rgrid.sdk.remote.WhoAmI;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** {@link RemoteRGrid} over the HTTP API of {@code rgrid-server}; see {@code openapi.yaml} there. */
public final class HttpRemoteRGrid implements RemoteRGrid {
    /** The longest blocking read the server allows. */
    private static final long MAX_WAIT_SECONDS = 60;
    /** How much longer than its wait a blocking read may take before it counts as a lost connection. */
    private static final Duration WAIT_SLACK = Duration.ofSeconds(15);

    private final Transport transport;

    private HttpRemoteRGrid(RemoteOptions options) {
        this.transport = new Transport(options);
    }

    public static RemoteRGrid open(RemoteOptions options) {
        return new HttpRemoteRGrid(options);
    }

    @Override public String url() { return transport.url(); }

    @Override public WhoAmI whoami() { return transport.get("/whoami", WhoAmI.class); }

    @Override
    public Execution submit(ExecutionSpec spec) {
        return submit(spec, TransferListener.NONE);
    }

    /**
     * Sends the input files the server lacks for this key's owner, then spec and script; one Idempotency-Key
     * for all retries of the submission, so at most one run is created.
     */
    @Override
    public Execution submit(ExecutionSpec spec, TransferListener progress) {
        List<InputRefJson> inputs = new InputSender(transport).send(spec.inputs(), progress);
        Multipart body = new Multipart()
                .part("spec", null, "application/json", json(SpecJson.of(spec).withInputs(inputs)))
                .part("script", spec.scriptName(), "application/octet-stream", spec.script());
        Request request = transport.request("/executions")
                .header("Content-Type", body.contentType())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(body.body()).build();
        return transport.call(request, ExecutionJson.class).toExecution();
    }

    @Override
    public Execution status(String id) {
        return transport.get(Paths.execution(id), ExecutionJson.class).toExecution();
    }

    /** Up to {@code query.limit()} lines, in as many pages as that takes; another owner's id is not found. */
    @Override
    public List<LogLine> logs(String id, LogQuery query) {
        if (query.streams().isEmpty()) {
            status(id);
            return List.of();
        }
        return LogPages.read(transport, id, query);
    }

    @Override
    public Execution followLogs(String id, LogQuery query, Consumer<LogLine> onLine) {
        Execution ended = new LiveLogs(transport).follow(id, query, onLine);
        return ended != null ? ended : status(id);
    }

    /** Waits with blocking status reads, each answered by the server as soon as the execution ends. */
    @Override
    public Execution await(String id, Duration timeout) {
        // Blocking reads (?wait=N): the server answers the moment the execution ends, so no poll interval is added.
        long deadline = System.nanoTime() + timeout.toNanos();
        Execution execution = status(id);
        while (!execution.isFinal()) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000L;
            if (leftMillis <= 0) return execution;
            long wait = Math.min((leftMillis + 999) / 1000, MAX_WAIT_SECONDS);
            Request request = transport.request(Paths.execution(id) + "?wait=" + wait)
                    .timeout(Duration.ofSeconds(wait).plus(WAIT_SLACK)).GET().build();
            execution = transport.call(request, ExecutionJson.class).toExecution();
        }
        return execution;
    }

    @Override
    public List<ExecutionFile> outputs(String id) {
        return transport.get(Paths.execution(id) + "/outputs", OutputJson.Listing.class).outputs().stream()
                .map(OutputJson::toFile).toList();
    }

    @Override
    public List<WorkerNode> workers() {
        return transport.get("/workers", WorkerNodeJson.Listing.class).workers().stream().map(WorkerNodeJson::toNode).toList();
    }

    @Override
    public List<ProvisionedServer> servers() {
        return transport.get("/servers", ProvisionedServerJson.Listing.class).servers().stream()
                .map(ProvisionedServerJson::toServer).toList();
    }

    @Override
    public List<ScaleEvent> scaleEvents(int limit) {
        return transport.get("/scale-events?limit=" + limit, ScaleEventJson.Listing.class).events().stream()
                .map(ScaleEventJson::toEvent).toList();
    }

    @Override
    public List<Attempt> attempts(String id) {
        return transport.get(Paths.execution(id) + "/attempts", AttemptJson.Listing.class).attempts().stream()
                .map(AttemptJson::toAttempt).toList();
    }

    /** The content, from the server or from where it redirects (a presigned URL, fetched without the key). */
    @Override
    public InputStream openOutput(String id, String path) {
        RelativePaths.requireSafe(path);
        String encoded = Arrays.stream(path.split("/")).map(Paths::encode).collect(Collectors.joining("/"));
        Request request = transport.request(Paths.execution(id) + "/outputs/" + encoded)
                .header("Accept", "*/*").GET().build();
        return transport.download(request);
    }

    @Override
    public Deletion delete(String id) {
        Request request = transport.request(Paths.execution(id)).DELETE().build();
        DeletionJson deleted = transport.call(request, DeletionJson.class);
        return new Deletion(deleted.id(), deleted.deletedOutputs(), deleted.deletedInputs());
    }

    @Override
    public Execution cancel(String id) {
        Request request = transport.request(Paths.execution(id) + "/cancel").POST(Body.NONE).build();
        return transport.call(request, ExecutionJson.class).toExecution();
    }

    @Override
    public List<Execution> list(ExecutionQuery query) {
        StringBuilder path = new StringBuilder("/executions?limit=").append(query.limit()).append("&offset=").append(query.offset());
        if (!query.statuses().isEmpty()) {
            path.append("&status=").append(Paths.encode(query.statuses().stream().map(ExecutionStatus::label).sorted()
                    .collect(Collectors.joining(","))));
        }
        query.metadata().forEach((k, v) -> path.append("&metadata=").append(Paths.encode(k + "=" + v)));
        return transport.get(path.toString(), Pages.ExecutionPage.class).executions().stream()
                .map(ExecutionJson::toExecution).toList();
    }

    @Override public List<RuntimeInfo> runtimes() { return transport.get("/runtimes", Pages.RuntimeList.class).runtimes(); }

    @Override public EngineInfo info() { return transport.get("/info", EngineInfo.class); }

    /** Releases this client only: the server and its runs go on. */
    @Override public void close() { transport.close(); }

    private static byte[] json(Object value) {
        try {
            return WireJson.mapper().writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
