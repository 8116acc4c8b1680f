package dev.rgrid.engine;

import dev.rgrid.core.model.Attempt;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.ProvisionedServer;
import dev.rgrid.core.model.ScaleEvent;
import dev.rgrid.core.model.WorkerNode;
import dev.rgrid.sdk.Deletion;
import dev.rgrid.sdk.EngineInfo;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.RuntimeInfo;
import dev.rgrid.sdk.TransferListener;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** The engine as one owner sees it. */
final class OwnerView implements RGrid {
    private final Engine engine;
    private final String owner;
    private final boolean closesEngine;

    OwnerView(Engine engine, String owner, boolean closesEngine) {
        this.engine = engine;
        this.owner = owner;
        this.closesEngine = closesEngine;
    }

    @Override public Execution submit(ExecutionSpec spec) { return submit(spec, TransferListener.NONE); }
    @Override public Execution submit(ExecutionSpec spec, TransferListener progress) {
        return engine.submit(owner, spec, null, progress).execution();
    }
    @Override public List<ExecutionFile> outputs(String id) { return engine.outputs(owner, id); }
    @Override public InputStream openOutput(String id, String path) { return engine.openOutput(owner, id, path); }
    @Override public Execution status(String id) { return engine.status(owner, id); }
    @Override public List<LogLine> logs(String id, LogQuery query) { return engine.logs(owner, id, query); }
    @Override public Execution followLogs(String id, LogQuery query, Consumer<LogLine> onLine) {
        return engine.followLogs(owner, id, query, onLine);
    }
    @Override public Execution await(String id, Duration timeout) { return engine.await(owner, id, timeout); }
    @Override public Execution cancel(String id) { return engine.cancel(owner, id); }
    @Override public Deletion delete(String id) { return engine.delete(owner, id); }
    @Override public List<Attempt> attempts(String id) { return engine.attempts(owner, id); }
    @Override public List<WorkerNode> workers() { return engine.workers(); }

    @Override public List<ProvisionedServer> servers() { return engine.servers(Engine.SERVERS_LISTED); }

    @Override public List<ScaleEvent> scaleEvents(int limit) { return engine.scaleEvents(limit); }
    @Override public List<Execution> list(ExecutionQuery query) { return engine.list(owner, query); }
    @Override public List<RuntimeInfo> runtimes() { return engine.runtimes(); }
    @Override public EngineInfo info() { return engine.info(); }

    @Override
    public void close() {
        if (closesEngine) engine.close();
    }
}
