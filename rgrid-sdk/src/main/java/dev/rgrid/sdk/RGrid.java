package dev.rgrid.sdk;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.model.Attempt;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.ProvisionedServer;
import dev.rgrid.core.model.ScaleEvent;
import dev.rgrid.core.model.WorkerNode;
import dev.rgrid.sdk.remote.RemoteOptions;
import dev.rgrid.sdk.remote.RemoteRGrid;
import dev.rgrid.sdk.remote.internal.HttpRemoteRGrid;
import dev.rgrid.sdk.spi.LocalEngine;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Runs scripts on RGrid. The same interface serves the embedded engine ({@link #local()}) and a remote
 * server ({@link #connect(String, String)}); the CLI is written against it alone.
 *
 * <pre>{@code
 * try (RGrid rgrid = RGrid.local()) {
 *     Execution e = rgrid.submit(ExecutionSpec.builder("hello.py", bytes).build());
 *     rgrid.followLogs(e.id(), LogQuery.all(), line -> System.out.println(line.text()));
 *     Execution done = rgrid.await(e.id(), Duration.ofMinutes(5));
 * }
 * }</pre>
 */
public interface RGrid extends AutoCloseable {

    /**
     * The embedded engine, in this process, configured from the environment and {@code $RGRID_HOME/config}. It needs
     * {@value LocalEngine#ARTIFACT} on the class path (found through {@link ServiceLoader}); without it this fails
     * with the code {@code engine_missing}, naming the artifact to add. {@code dev.rgrid.engine.LocalRGrid} opens one
     * with explicit options.
     */
    static RGrid local() {
        return ServiceLoader.load(LocalEngine.class, RGrid.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new RGridException("engine_missing", "RGrid.local() needs the engine on the class path",
                        LocalEngine.ARTIFACT, "Add " + LocalEngine.ARTIFACT + " (the same version as rgrid-sdk) beside "
                                + "rgrid-sdk, or use a server with RGrid.connect(url, apiKey)"))
                .open();
    }

    /**
     * An RGrid server, as the owner of {@code apiKey}, with the default timeouts and retries. Contacts nothing
     * yet; a refused key fails the first call with the code {@code unauthorized}.
     */
    static RemoteRGrid connect(String url, String apiKey) {
        return connect(RemoteOptions.builder(url, apiKey).build());
    }

    static RemoteRGrid connect(RemoteOptions options) {
        return HttpRemoteRGrid.open(options);
    }

    /** Checks the spec (runtime known, limits sane), uploads its input files, records it as queued and starts it. */
    Execution submit(ExecutionSpec spec);

    /** Like {@link #submit(ExecutionSpec)}, telling {@code progress} how each input file's upload goes. */
    Execution submit(ExecutionSpec spec, TransferListener progress);

    /** The files the script wrote under its output directory, collected after the run, in path order. */
    List<ExecutionFile> outputs(String id);

    /** The cluster's worker nodes (state, capacity, load, last heartbeat), alive first; empty without a cluster. */
    List<WorkerNode> workers();

    /**
     * The servers the autoscaler provisioned (provider, type, state, billed hours, price), live first, then the most
     * recent; empty when nodes are not provisioned.
     */
    List<ProvisionedServer> servers();

    /** The autoscaler's decisions with their reasons (launches, retirements, failures, hold-backs), newest first. */
    List<ScaleEvent> scaleEvents(int limit);

    /** The execution's attempts, first to last, each with its node and how it ended; empty before one starts. */
    List<Attempt> attempts(String id);

    /** One output's content, streamed; {@code path} as {@link #outputs} names it ({@code outputs/result.csv}). */
    InputStream openOutput(String id, String path);

    /** The execution as it is now; {@link dev.rgrid.core.NotFoundException} when there is none. */
    Execution status(String id);

    /** Log lines after {@code query.afterSeq()}, in order. */
    List<LogLine> logs(String id, LogQuery query);

    /**
     * Delivers log lines as they are written, from {@code query.afterSeq()}, until the execution has
     * ended and every line has been delivered. Each line is delivered once, in order. Returns the
     * execution as it ended (what {@link #status} says then), so a follower need not ask again.
     */
    Execution followLogs(String id, LogQuery query, Consumer<LogLine> onLine);

    /** Blocks until the execution ends or {@code timeout} passes; returns it as it is then. */
    Execution await(String id, Duration timeout);

    /** Cancels: a queued execution ends at once, a running one is stopped; a finished one is left as it is. */
    Execution cancel(String id);

    /**
     * Deletes an execution that has ended: its record, logs and output files, and the input files no other
     * execution uses. Refused ({@code execution_active}) while it runs: cancel it first.
     */
    Deletion delete(String id);

    /** Executions matching the query, newest first. */
    List<Execution> list(ExecutionQuery query);

    /** The runtimes this engine knows and whether each one's image is present. */
    List<RuntimeInfo> runtimes();

    /** How this engine isolates runs, and why when it cannot. */
    EngineInfo info();

    @Override
    void close();
}
