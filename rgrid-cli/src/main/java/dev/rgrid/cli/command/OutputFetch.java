package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.files.OutputDownloads;
import dev.rgrid.cli.files.Progress;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.sdk.RGrid;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Downloads outputs for {@code run} and {@code download} alike, and says on stderr what went where. */
final class OutputFetch {
    /** What --help says about name clashes, for both commands. */
    static final String CLASH_RULE = "A file already there is never overwritten: the output is saved next to it "
            + "as NAME (1).EXT (the first free number), and a line on stderr says so.";

    private OutputFetch() {}

    static List<OutputDownloads.Saved> fetch(CliContext context, RGrid rgrid, String id, Path dir,
                                             List<ExecutionFile> files, PrintWriter err) {
        List<OutputDownloads.Saved> saved;
        try (Progress progress = Progress.downloads(err, context.terminal())) {
            saved = new OutputDownloads(rgrid, id, dir, progress).download(files);
        }
        for (OutputDownloads.Saved s : saved) {
            if (s.renamed()) {
                err.println(shown(context, s.wanted()) + " exists: saved " + s.file().path() + " as "
                        + shown(context, s.target()));
            }
        }
        err.println("Downloaded " + saved.size() + (saved.size() == 1 ? " output" : " outputs") + " to "
                + shown(context, dir));
        err.flush();
        return saved;
    }

    /** The directory given ({@code --dir D}), or {@code ./outputs}, absolute. */
    static Path directory(CliContext context, String given) {
        return context.workingDir().resolve(given != null ? given : "outputs").toAbsolutePath().normalize();
    }

    /** {@code ./outputs/result.csv} under the current directory, else the absolute path. */
    static String shown(CliContext context, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (absolute.equals(context.workingDir())) return ".";
        return absolute.startsWith(context.workingDir())
                ? "./" + context.workingDir().relativize(absolute).toString().replace('\\', '/')
                : absolute.toString();
    }
}
