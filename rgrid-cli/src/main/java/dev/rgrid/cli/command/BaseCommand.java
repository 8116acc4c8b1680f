package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command shares: its context, and the writers picocli was given (so tests capture them). */
abstract class BaseCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    protected final CliContext context;

    protected BaseCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    protected PrintWriter out() { return spec.commandLine().getOut(); }

    protected PrintWriter err() { return spec.commandLine().getErr(); }

    protected Instant now() { return context.clock().instant(); }
}
