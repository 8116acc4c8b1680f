package dev.rgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Without a Docker engine the run still happens, and the user is told once that it is not isolated. */
class NoDockerRunTest {
    @RegisterExtension static final LocalEngine engine = LocalEngine.withoutDocker();

    @TempDir Path dir;

    @Test
    void a_run_without_docker_says_once_that_it_is_not_isolated_and_status_says_it_too() {
        CliRunner cli = engine.cli(dir);
        cli.script("hello.py", "print('hi from the host')\n");

        CliResult run = cli.run("run", "hello.py");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("hi from the host\n", run.out());
        assertEquals(1, run.err().split("Not isolated", -1).length - 1, run::toString);
        assertTrue(run.err().contains("Start a Docker engine"), run::toString);

        String id = run.err().replaceAll("(?s).*Execution (exec_\\S+) .*", "$1");
        CliResult status = cli.run("status", id);
        assertTrue(status.out().contains("not isolated (local process)"), status::toString);
    }
}
