package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.output.ExecutionView;
import dev.rgrid.cli.output.Json;
import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.LimitsResolver;
import dev.rgrid.core.config.Setting;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.Limits;
import dev.rgrid.sdk.LocalOptions.Dispatch;
import dev.rgrid.sdk.RGrid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rgrid run SCRIPT [ARGS...]}: submits the script and, unless detached, streams it to the end. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a script in a resource-limited container, stream its output, and exit with its exit code.",
                "",
                "Each limit comes from its flag, else the environment (RGRID_MEMORY or CONTAINER_MEMORY_LIMIT, "
                        + "RGRID_CPUS, RGRID_TIMEOUT, RGRID_PIDS_LIMIT), else $RGRID_HOME/config (memory = 1g), "
                        + "else the default. Put options meant for the script after --: rgrid run train.py -- --epochs 3"},
        footer = {"", "Exits with the script's exit code, or: 124 timed out; 125 ended without an exit code "
                + "(could not start, worker lost); 130 cancelled; 137 killed for exceeding its memory limit; "
                + "2 refused before anything ran."})
public final class RunCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SCRIPT", description = "The script file (.py, .js, .sh).")
    String script;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the script.")
    List<String> args = new ArrayList<>();

    @Option(names = "--runtime", paramLabel = "RUNTIME",
            description = "A runtime name (see `rgrid runtimes`) or an image. Default: RGRID_RUNTIME, else python3.11.")
    String runtime;

    @Option(names = "--timeout", paramLabel = "TIME", description = "Wall-clock limit: 300, 300s, 5m, 1h. Default 300 s.")
    String timeout;

    @Option(names = "--memory", paramLabel = "SIZE", description = "Memory limit: 512m, 2g, 512 (MB). Default 512 MB.")
    String memory;

    @Option(names = "--cpus", paramLabel = "N", description = "CPU share: 0.5, 1, 2. Default 1.0.")
    String cpus;

    @Option(names = "--pids-limit", paramLabel = "N", description = "Most processes and threads at once. Default 256.")
    String pidsLimit;

    @Option(names = "--env", paramLabel = "KEY=VALUE", description = "An environment variable for the script; repeatable.")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--metadata", paramLabel = "KEY=VALUE", description = "A tag to find the run by later; repeatable.")
    Map<String, String> metadata = new LinkedHashMap<>();

    @Option(names = "--network", description = "Give the script network access (off by default).")
    boolean network;

    @Option(names = {"-d", "--detach"}, description = "Submit, print the execution id and return at once.")
    boolean detach;

    @Mixin JsonOption json;

    public RunCommand(CliContext context) { super(context); }

    @Override
    public Integer call() {
        if (json.enabled() && !detach) {
            throw new InvalidInputException("json_needs_detach", "--json is only for detached runs", "--json",
                    "Use rgrid run --detach --json SCRIPT, then rgrid logs ID --json and rgrid status ID --json");
        }
        ExecutionSpec spec = spec();
        if (detach) {
            Execution execution = submitDetached(spec);
            out().println(json.enabled() ? Json.pretty(ExecutionView.of(execution, now())) : execution.id());
            out().flush();
            return ExitCodes.OK;
        }
        RGrid rgrid = context.rgrid();
        return new AttachedRun(rgrid, rgrid.submit(spec), out(), err(), context.clock()).streamToEnd();
    }

    /**
     * An engine that ends with this command would cancel the run on closing; so it only queues the
     * run, and a background runner ({@code rgrid runner}) runs it. A server, or an engine that outlives
     * the command, runs it itself.
     */
    private Execution submitDetached(ExecutionSpec spec) {
        Execution queued = context.rgrid(Dispatch.NONE).submit(spec);
        if (context.engineEndsWithCommand()) context.detachedRuns().startRunner();
        return queued;
    }

    /** Everything checked that can be checked here, before the engine is even opened. */
    private ExecutionSpec spec() {
        ScriptFile file = ScriptFile.read(context.workingDir(), script);
        ConfigSources config = context.config();
        Limits limits = new LimitsResolver(config).resolve(new LimitsResolver.Flags(memory, cpus, timeout, pidsLimit));
        String chosenRuntime = runtime != null ? runtime
                : config.lookup(Setting.RUNTIME).map(ConfigValue::value).orElse(ExecutionSpec.DEFAULT_RUNTIME);
        return ExecutionSpec.builder(file.name(), file.content())
                .args(args).runtime(chosenRuntime).env(env).limits(limits).metadata(metadata).network(network)
                .build();
    }
}
