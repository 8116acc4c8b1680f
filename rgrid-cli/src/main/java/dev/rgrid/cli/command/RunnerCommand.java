package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.Quantities;
import dev.rgrid.engine.BackgroundRunner;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rgrid runner}: runs the queued executions of {@code run --detach} until none has been queued
 * or running for a while. {@code run --detach} starts one in the background; hidden from the command list.
 */
@Command(name = "runner", hidden = true, mixinStandardHelpOptions = true,
        description = "Run queued executions (those of `run --detach`) until none is left for --idle; then exit.")
public final class RunnerCommand extends BaseCommand {
    @Option(names = "--idle", paramLabel = "TIME",
            description = "Exit once nothing has been queued or running for this long. Default: 5 s.")
    String idle;

    public RunnerCommand(CliContext context) { super(context); }

    @Override
    public Integer call() {
        Duration idleFor = idle == null ? BackgroundRunner.DEFAULT_IDLE : Quantities.duration(new ConfigValue(idle, "--idle"));
        if (idleFor.isZero()) {
            throw new InvalidInputException("invalid_idle", "--idle must be more than zero", idle, "Give a time like --idle 5s");
        }
        context.detachedRuns().drain(idleFor);
        return ExitCodes.OK;
    }
}
