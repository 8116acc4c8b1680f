package dev.rgrid.cli.command;

import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.output.Format;
import dev.rgrid.cli.output.LogPrinter;
import dev.rgrid.core.model.Execution;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;

/**
 * A submitted run followed to its end, like {@code docker run}: a header on stderr, the script's
 * stdout and stderr as they come, the final status on stderr, and the exit code to exit with.
 * Ctrl-C while attached cancels the run. A run that is not isolated says so in its own logs (the
 * engine writes that line, so detached runs and `rgrid logs` show it too), once.
 */
final class AttachedRun {
    /** How long to wait for the final status once every log line has arrived. */
    static final Duration SETTLE = Duration.ofSeconds(30);

    private final RGrid rgrid;
    private final Execution submitted;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Clock clock;

    AttachedRun(RGrid rgrid, Execution submitted, PrintWriter out, PrintWriter err, Clock clock) {
        this.rgrid = rgrid;
        this.submitted = submitted;
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    int streamToEnd() {
        String id = submitted.id();
        err.println("Execution " + id + " " + submitted.status().label()
                + " (" + submitted.runtime() + ", " + Format.limits(submitted.limits()) + ")");
        err.flush();
        CancelOnExit cancelOnExit = CancelOnExit.install(rgrid, id, err);
        Execution done;
        try {
            done = rgrid.followLogs(id, LogQuery.all(), LogPrinter.split(out, err));
        } finally {
            cancelOnExit.close();
        }
        if (!done.isFinal()) done = rgrid.await(id, SETTLE);
        err.println("Execution " + id + " " + done.status().label()
                + (done.reason() != null ? ": " + done.reason() : "")
                + (done.startedAt() != null ? " (" + Format.runTime(done, clock.instant()) + ")" : ""));
        err.flush();
        return ExitCodes.forExecution(done);
    }
}
