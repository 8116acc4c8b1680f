package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.output.Format;
import dev.rgrid.cli.output.Json;
import dev.rgrid.cli.output.Table;
import dev.rgrid.core.model.ExecutionFile;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rgrid outputs ID}: the files a run wrote under its output directory. */
@Command(name = "outputs", mixinStandardHelpOptions = true,
        description = {"List the files an execution wrote under its output directory: path, size, sha256 (first 12 "
                + "characters; all of it with --json) and content type.", "", "rgrid download ID fetches them."})
public final class OutputsCommand extends BaseCommand {
    private static final int SHORT_SHA = 12;

    @Parameters(paramLabel = "ID", description = "The execution id, as `rgrid run` or `rgrid list` show it.")
    String id;

    @Mixin JsonOption json;

    public OutputsCommand(CliContext context) { super(context); }

    /** One output as --json prints it. */
    record OutputView(String path, long size, String sha256, String contentType, Instant createdAt) {
        static OutputView of(ExecutionFile f) {
            return new OutputView(f.path(), f.size(), f.sha256(), f.contentType(), f.createdAt());
        }
    }

    @Override
    public Integer call() {
        List<ExecutionFile> files = context.rgrid().outputs(id);
        if (json.enabled()) {
            out().println(Json.pretty(files.stream().map(OutputView::of).toList()));
        } else {
            Table table = new Table("PATH", "SIZE", "SHA256", "TYPE");
            for (ExecutionFile f : files) {
                table.row(f.path(), Format.bytes(f.size()),
                        f.sha256().substring(0, Math.min(SHORT_SHA, f.sha256().length())), f.contentType());
            }
            table.print(out());
        }
        out().flush();
        return ExitCodes.OK;
    }
}
