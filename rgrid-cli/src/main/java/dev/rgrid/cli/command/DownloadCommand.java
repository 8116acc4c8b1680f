package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.files.OutputDownloads;
import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.model.ExecutionFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rgrid download ID [--dir D] [PATH...]}: an execution's outputs, all or some, into a local directory. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Download an execution's outputs: outputs/sub/b.txt lands at DIR/sub/b.txt.",
                "", OutputFetch.CLASH_RULE},
        footer = {"", "Exits 2, downloading nothing, when a PATH is not among the outputs (see rgrid outputs ID)."})
public final class DownloadCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The execution id, as `rgrid run` or `rgrid list` show it.")
    String id;

    @Parameters(index = "1..*", paramLabel = "PATH",
            description = "Outputs to fetch, as `rgrid outputs` lists them (outputs/result.csv, or result.csv). "
                    + "Default: all of them.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write them; created when missing. Default: ./outputs.")
    String dir;

    public DownloadCommand(CliContext context) { super(context); }

    @Override
    public Integer call() {
        Path target = OutputFetch.directory(context, dir);
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new InvalidInputException("output_dir_not_directory", "The download directory is not a directory",
                    target.toString(), "Name a directory (it is created when missing)");
        }
        List<ExecutionFile> all = context.rgrid().outputs(id);
        OutputFetch.fetch(context, context.rgrid(), id, target, chosen(all), err());
        return ExitCodes.OK;
    }

    /** The outputs the paths name, each once, in the order given; all of them when none is named. */
    private List<ExecutionFile> chosen(List<ExecutionFile> all) {
        if (paths.isEmpty()) return all;
        Set<ExecutionFile> chosen = new LinkedHashSet<>();
        for (String path : paths) {
            ExecutionFile match = all.stream()
                    .filter(f -> f.path().equals(path) || f.path().equals(OutputDownloads.PREFIX + path))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException("output_not_found",
                            "Execution " + id + " has no such output", path,
                            "See its outputs with rgrid outputs " + id));
            chosen.add(match);
        }
        return List.copyOf(chosen);
    }
}
