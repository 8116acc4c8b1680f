package dev.rgrid.cli;

import dev.rgrid.core.RGridException;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code rgrid runner} as a background process with this JVM's own command line, so that runs
 * queued by {@code run --detach} go on after the command returns. Its output goes to
 * {@code $RGRID_HOME/runner.log}.
 */
public final class RunnerProcess {
    public static final String LOG_FILE = "runner.log";
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private RunnerProcess() {}

    public static void start(Path home) {
        List<String> command = new ArrayList<>();
        // In a session of its own, so a Ctrl-C meant for the terminal's foreground job does not reach it.
        if (Files.isExecutable(SETSID)) command.add(SETSID.toString());
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "runner"));
        Path log = home.resolve(LOG_FILE);
        try {
            Files.createDirectories(home);
            new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new RGridException("runner_not_started", "The background runner for detached runs could not be started",
                    String.join(" ", command), "The run stays queued: run `rgrid runner` to run it, or cancel it with "
                            + "`rgrid cancel ID`; without --detach the run needs no runner (" + e.getMessage() + ")", e);
        }
    }
}
