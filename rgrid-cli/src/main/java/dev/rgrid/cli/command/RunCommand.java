package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.files.Progress;
import dev.rgrid.cli.files.RunInputs;
import dev.rgrid.cli.output.ExecutionView;
import dev.rgrid.cli.output.Format;
import dev.rgrid.cli.output.Json;
import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.RGridException;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.LimitsResolver;
import dev.rgrid.core.config.Setting;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.Limits;
import dev.rgrid.sdk.RGrid;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
                        + "else the default. Put options meant for the script after --: rgrid run train.py -- --epochs 3",
                "",
                "An argument naming an existing file is uploaded and the script gets the path where it lies in the run: "
                        + "a file under the script's directory keeps its place there (data/x.csv stays data/x.csv), "
                        + "any other lands next to the script under its file name. --input adds files or directories "
                        + "the same way without touching the arguments; symbolic links in a directory are skipped.",
                "",
                "What the script writes under its outputs directory (RGRID_OUTPUT_DIR) is downloaded into outputs "
                        + "under the current directory when the run ends, however it ends (--output-dir DIR to choose, --remote-only to leave it in the "
                        + "store). " + OutputFetch.CLASH_RULE},
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

    @Option(names = "--input", paramLabel = "PATH",
            description = "A file or directory to send along, placed as arguments naming files are; repeatable.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--requirements", paramLabel = "FILE",
            description = "Dependencies to install before the script starts (pip requirements, or a package.json for Node). "
                    + "Default: requirements.txt (Python) or package.json (Node) beside the script, when there is one.")
    String requirements;

    @Option(names = "--retries", paramLabel = "N",
            description = "Run again on another node, up to N times, when the node running it dies (0-9). Default 2.")
    Integer retries;

    @Option(names = "--no-requirements", description = "Install nothing, even when a requirements.txt or package.json is beside the script.")
    boolean noRequirements;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Where the run's outputs are downloaded when it ends. Default: ./outputs.")
    String outputDir;

    @Option(names = "--remote-only", description = "Leave the run's outputs in the store and only list them.")
    boolean remoteOnly;

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
        Path downloadDir = checkOutputOptions();
        ExecutionSpec spec = spec();
        if (detach) {
            Execution execution = submitDetached(spec);
            out().println(json.enabled() ? Json.pretty(ExecutionView.of(execution, now())) : execution.id());
            out().flush();
            return ExitCodes.OK;
        }
        RGrid rgrid = context.rgrid();
        Execution submitted = submit(rgrid, spec);
        int exitCode = new AttachedRun(rgrid, submitted, out(), err(), context.clock()).streamToEnd();
        return fetchOutputs(rgrid, submitted.id(), downloadDir, exitCode);
    }

    private Execution submit(RGrid rgrid, ExecutionSpec spec) {
        try (Progress progress = Progress.uploads(err(), context.terminal())) {
            return rgrid.submit(spec, progress);
        }
    }

    /** The directory outputs go to, or null with --remote-only; refused before anything runs when unusable. */
    private Path checkOutputOptions() {
        if (detach && (remoteOnly || outputDir != null)) {
            throw new InvalidInputException("outputs_need_attach", "--output-dir and --remote-only are for attached runs",
                    remoteOnly ? "--remote-only" : "--output-dir",
                    "A detached run's outputs stay in the store: rgrid download ID fetches them");
        }
        if (remoteOnly && outputDir != null) {
            throw new InvalidInputException("conflicting_options", "--remote-only downloads nothing, so --output-dir has "
                    + "no use", "--output-dir " + outputDir, "Give one of them");
        }
        if (remoteOnly) return null;
        Path dir = OutputFetch.directory(context, outputDir);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException("output_dir_not_directory", "The output directory is not a directory",
                    dir.toString(), "Name a directory (it is created when missing)");
        }
        return dir;
    }

    /**
     * Downloads (or with --remote-only lists) the outputs of the ended run. The run's exit code stands; when the
     * outputs cannot be had, a run that succeeded exits {@link ExitCodes#FAILURE}.
     */
    private int fetchOutputs(RGrid rgrid, String id, Path downloadDir, int exitCode) {
        try {
            List<ExecutionFile> files = rgrid.outputs(id);
            if (files.isEmpty()) return exitCode;
            if (downloadDir == null) {
                err().println(files.size() + (files.size() == 1 ? " output" : " outputs")
                        + " left in the store (rgrid download " + id + " fetches them):");
                for (ExecutionFile f : files) err().println("  " + f.path() + "  " + Format.bytes(f.size()));
                err().flush();
            } else {
                OutputFetch.fetch(context, rgrid, id, downloadDir, files, err());
            }
            return exitCode;
        } catch (RGridException | UncheckedIOException e) {
            String why = e instanceof RGridException r
                    ? r.what() + (r.value() != null ? ": " + r.value() : "") : e.getMessage();
            err().println("Outputs not downloaded: " + why + " (rgrid download " + id + " tries again)");
            err().flush();
            return exitCode == ExitCodes.OK ? ExitCodes.FAILURE : exitCode;
        }
    }

    /** The engine (a server, or this home's resident engine) outlives the command and runs it. */
    private Execution submitDetached(ExecutionSpec spec) {
        return submit(context.rgrid(), spec);
    }

    /** Everything checked that can be checked here, before the engine is even opened. */
    private ExecutionSpec spec() {
        ScriptFile file = ScriptFile.read(context.workingDir(), script);
        ConfigSources config = context.config();
        String chosenRuntime = runtime != null ? runtime
                : config.lookup(Setting.RUNTIME).map(ConfigValue::value).orElse(ExecutionSpec.DEFAULT_RUNTIME);
        if (noRequirements && requirements != null) {
            throw new InvalidInputException("conflicting_options", "--requirements and --no-requirements contradict each other",
                    requirements, "Give one of them");
        }
        boolean node = chosenRuntime.startsWith("node") || file.name().matches(".*\\.[cm]?js");
        RunInputs files = RunInputs.resolve(context.workingDir(),
                context.workingDir().resolve(script).toAbsolutePath().normalize(), args, inputs,
                new RunInputs.Manifest(requirements, !noRequirements, node), err());
        Limits limits = new LimitsResolver(config).resolve(new LimitsResolver.Flags(memory, cpus, timeout, pidsLimit));
        return ExecutionSpec.builder(file.name(), file.content())
                .args(files.args()).inputs(files.inputs()).requirements(files.requirements())
                .runtime(chosenRuntime).env(env).limits(limits).metadata(metadata).network(network)
                .maxAttempts(retries == null ? ExecutionSpec.DEFAULT_MAX_ATTEMPTS : retries + 1)
                .build();
    }
}
