package dev.rgrid.cli;

import dev.rgrid.sdk.RGrid;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the real `rgrid` command line (built by {@link Cli#create}) in-process, against a given engine,
 * from a working directory, with an environment map instead of the process environment.
 */
final class CliRunner {
    private final RGridProvider engine;
    private final Path workDir;
    private final Map<String, String> env;
    private final DetachedRuns detachedRuns;

    CliRunner(RGridProvider engine, Path workDir, Map<String, String> env, DetachedRuns detachedRuns) {
        this.engine = engine;
        this.workDir = workDir;
        this.env = Map.copyOf(env);
        this.detachedRuns = detachedRuns;
    }

    /** A CLI whose engine outlives its commands: detached runs need no background runner. */
    CliRunner(RGridProvider engine, Path workDir, Map<String, String> env) {
        this(engine, workDir, env, new DetachedRuns(
                () -> { throw new AssertionError("no background runner expected"); },
                idle -> { throw new AssertionError("no background runner expected"); }));
    }

    static CliRunner against(RGrid rgrid, Path workDir, Map<String, String> env) {
        return new CliRunner(RGridProvider.shared(rgrid), workDir, env);
    }

    /** The same engine and directory, with these environment variables added. */
    CliRunner withEnv(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(more);
        return new CliRunner(engine, workDir, merged, detachedRuns);
    }

    CliResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.create(new CliContext(engine, env, workDir, Clock.systemUTC(), detachedRuns));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new CliResult(exitCode, out.toString(), err.toString());
    }

    /** Writes a script into the working directory and returns its file name. */
    String script(String name, String content) {
        try {
            Files.writeString(workDir.resolve(name), content);
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path workDir() { return workDir; }
}
