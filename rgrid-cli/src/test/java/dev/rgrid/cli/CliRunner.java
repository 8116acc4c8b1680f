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
import java.util.function.BiFunction;
import picocli.CommandLine;

/**
 * Runs the real `rgrid` command line (built by {@link Cli#forArguments}, as {@link Main} builds it) in-process, against a given engine or the
 * one its settings name, from a working directory, with an environment map instead of the process environment.
 */
public final class CliRunner {
    private final BiFunction<Map<String, String>, Input, CliContext> contexts;
    private final Path workDir;
    private final Map<String, String> env;

    private CliRunner(BiFunction<Map<String, String>, Input, CliContext> contexts, Path workDir, Map<String, String> env) {
        this.contexts = contexts;
        this.workDir = workDir;
        this.env = Map.copyOf(env);
    }

    CliRunner(RGridProvider engine, Path workDir, Map<String, String> env) {
        this((e, input) -> new CliContext(engine, e, workDir, Clock.systemUTC(), new Notices(), input), workDir, env);
    }

    static CliRunner against(RGrid rgrid, Path workDir, Map<String, String> env) {
        return new CliRunner(RGridProvider.shared(rgrid), workDir, env);
    }

    /**
     * As `rgrid` runs for real: each command connects to what its settings in {@code env} (and the config file
     * there) name, an RGrid server when an API URL is configured, else the home's resident engine (started when
     * none runs, as a process apart).
     */
    public static CliRunner configured(Path workDir, Map<String, String> env) {
        return new CliRunner((e, input) -> CliContext.configured(e, workDir, Clock.systemUTC(), input), workDir, env);
    }

    /** The same engine and directory, with these environment variables added. */
    public CliRunner withEnv(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(more);
        return new CliRunner(contexts, workDir, merged);
    }

    public CliResult run(String... args) {
        return runWithInput("", args);
    }

    /** Runs with {@code input} as what the user types when asked. */
    public CliResult runWithInput(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.forArguments(contexts.apply(env, Input.of(input)), args); // as Main builds it
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new CliResult(exitCode, out.toString(), err.toString());
    }

    /** Writes a script into the working directory and returns its file name. */
    public String script(String name, String content) {
        try {
            Files.writeString(workDir.resolve(name), content);
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path workDir() { return workDir; }
}
