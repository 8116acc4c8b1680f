package dev.rgrid.cli;

import dev.rgrid.engine.LocalRGrid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.RGridHome;
import dev.rgrid.engine.LocalOptions;
import dev.rgrid.sdk.RGrid;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * As in production, every command opens its own engine and closes it when done, which would cancel a
 * run still going. So a detached run is only queued, and a background runner runs it.
 */
class DetachedRunTest {
    /** Keeps this home's database up between the commands, and stops it at the end. */
    @RegisterExtension static final LocalEngine anchor = LocalEngine.fresh();

    @TempDir Path dir;

    @Test
    void a_detached_run_is_left_to_the_background_runner_which_runs_it_after_the_command_returned() {
        Map<String, String> env = Map.of(RGridHome.ENV, anchor.home().toString());
        ConfigSources sources = ConfigSources.load(env);
        RGridProvider perCommand = RGridProvider.opening(dispatch ->
                LocalRGrid.open(LocalOptions.builder(sources).dispatch(dispatch).build()));
        AtomicInteger runnersStarted = new AtomicInteger();
        DetachedRuns inThisProcess = new DetachedRuns(runnersStarted::incrementAndGet, DetachedRuns.local(env)::drain);
        CliRunner cli = new CliRunner(perCommand, dir, env, inThisProcess);
        cli.script("hello.py", "print('Hello from the background')\n");

        String id = cli.run("run", "--detach", "hello.py").out().trim();

        assertEquals(1, runnersStarted.get());
        assertEquals("queued", cli.run("status", id, "--json").outJson().get("status").asText());

        CliResult runner = cli.run("runner", "--idle", "1s");

        assertEquals(0, runner.exitCode(), runner::toString);
        assertEquals("succeeded", cli.run("status", id, "--json").outJson().get("status").asText());
        assertEquals("Hello from the background\n", cli.run("logs", id).out());
    }
}
