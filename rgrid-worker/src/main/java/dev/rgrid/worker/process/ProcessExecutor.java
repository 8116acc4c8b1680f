package dev.rgrid.worker.process;

import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.runtime.RuntimeEntry;
import dev.rgrid.worker.exec.Executor;
import dev.rgrid.worker.exec.LogSink;
import dev.rgrid.worker.exec.RunRequest;
import dev.rgrid.worker.exec.StopSignal;
import java.time.Clock;
import java.util.Map;

/**
 * Runs a script as a plain local process, for nodes without a Docker engine (a laptop, a CI machine),
 * so RGrid still works there. There is no isolation, which {@link #isolation()} says so that it is
 * recorded with every execution; the timeout and cancel still hold, and Python gets a memory cap.
 */
public final class ProcessExecutor implements Executor {
    private final Clock clock;
    private final InterpreterLookup interpreters;
    private final ProcessLaunch launch;

    /** Uses this JVM's PATH and LANG for the interpreters and their environment. */
    public ProcessExecutor(Clock clock) {
        this(clock, System.getenv());
    }

    /** {@code hostEnv} supplies PATH (where interpreters are looked up) and LANG; nothing else of it is passed on. */
    public ProcessExecutor(Clock clock, Map<String, String> hostEnv) {
        this.clock = clock;
        this.interpreters = new InterpreterLookup(hostEnv.get("PATH"));
        this.launch = new ProcessLaunch(hostEnv);
    }

    @Override
    public String isolation() { return "none"; }

    /** The absolute path of the host's interpreter for this runtime. */
    @Override
    public String resolve(RuntimeEntry runtime) { return interpreters.resolve(runtime); }

    @Override
    public Outcome run(RunRequest request, LogSink sink, StopSignal stop) {
        return new ProcessRun(request, clock).execute(launch.builder(request), sink, stop);
    }
}
