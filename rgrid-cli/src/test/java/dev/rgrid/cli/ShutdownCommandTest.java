package dev.rgrid.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rgrid.cli.resident.ResidentEngines;
import dev.rgrid.core.config.RGridHome;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.DatabaseUrl;
import dev.rgrid.core.store.internal.EmbeddedPostgresServer;
import dev.rgrid.core.testing.TestPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `rgrid shutdown`, as in production: every command opens the engine its settings name, so the first one starts
 * this home's embedded PostgreSQL and leaves it running; shutdown stops it and the next command starts it again.
 */
class ShutdownCommandTest {
    @TempDir Path home;
    @TempDir Path dir;
    CliRunner cli;

    @BeforeEach
    void cli() { cli = CliRunner.configured(dir, Map.of(RGridHome.ENV, home.toString(), "RGRID_ENGINE_IDLE", "2m")); }

    /** Whatever a test left running in its home is stopped, active runs or not: the local engine, then the database. */
    @AfterEach
    void stopWhatWasStarted() {
        ResidentEngines.running(home).ifPresent(ResidentEngines::stop);
        EmbeddedPostgresServer.stop(postgres(), Duration.ofSeconds(30), port -> {});
    }

    @Test
    void shutdown_stops_the_embedded_postgresql_and_the_next_command_starts_it_again_with_the_records_kept() {
        cli.script("hello.py", "print('hello')\n");
        CliResult run = cli.run("run", "hello.py");
        assertEquals(0, run.exitCode(), run::toString);
        String id = cli.run("list", "--json").outJson().get(0).get("id").asText();
        long pid = postmasterPid();
        int port = Integer.parseInt(read(postgres().resolve("port")));
        long engine = ResidentEngines.running(home).orElseThrow().pid();

        CliResult r = cli.run("shutdown");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("Stopped the local engine (pid " + engine + ").\nStopped the embedded PostgreSQL (port " + port
                + ", data in " + postgres().resolve("data") + "); the next rgrid command starts it again.\n", r.out());
        assertFalse(ProcessHandle.of(engine).map(ProcessHandle::isAlive).orElse(false), "the engine is gone");
        assertTrue(ResidentEngines.running(home).isEmpty(), "its record is gone");
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the postmaster is gone");
        assertThrows(IOException.class, () -> connect(port), "the port refuses connections");
        assertFalse(Files.exists(postgres().resolve("port")), "the port file is removed");

        CliResult list = cli.run("list");

        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(list.out().contains(id), list::toString);
        assertNotEquals(pid, postmasterPid(), "a new server");
    }

    @Test
    void shutdown_when_nothing_runs_says_so_and_starts_nothing() {
        CliResult r = cli.run("shutdown");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("The embedded PostgreSQL is not running (data in " + postgres().resolve("data") + "); nothing to stop.\n",
                r.out());
        assertFalse(Files.exists(postgres().resolve("data")), "no server was started to be stopped");

        JsonNode json = cli.run("shutdown", "--json").outJson();

        assertFalse(json.get("stopped").asBoolean());
        assertTrue(json.get("port").isNull());
    }

    @Test
    void an_active_run_blocks_shutdown_naming_it_and_the_database_stays_up() {
        cli.script("long.py", "import time\nprint('working', flush=True)\ntime.sleep(300)\n");
        String id = cli.run("run", "--detach", "long.py").out().trim();
        await().atMost(Duration.ofMinutes(2))
                .until(() -> cli.run("status", id, "--json").outJson().get("status").asText().equals("running"));
        long pid = postmasterPid();

        CliResult r = cli.run("shutdown");

        assertEquals(ExitCodes.FAILURE, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Error: 1 execution is still queued or running, so the embedded PostgreSQL cannot stop\n"
                + "  Value: " + id + "\n"), r::toString);
        assertTrue(r.err().contains("rgrid cancel " + id), r::toString);
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the postmaster still runs");
        assertTrue(ResidentEngines.running(home).isPresent(), "the engine still runs");
        assertEquals("running", cli.run("status", id, "--json").outJson().get("status").asText(), "and so does the run");

        JsonNode error = cli.run("shutdown", "--json").errJson().get("error");

        assertEquals("executions_active", error.get("code").asText());
        assertEquals(id, error.get("value").asText());
    }

    @Test
    void a_run_whose_process_died_long_ago_does_not_block_shutdown() {
        assertEquals(0, cli.run("list").exitCode());
        // With no engine left to serve it (a live engine would take the queued run up at once): as after a crash.
        assertTrue(ResidentEngines.stop(ResidentEngines.running(home).orElseThrow()));
        try (Database db = Database.embedded(postgres(), false)) {
            db.executions().create(spec(), Instant.now().minus(Duration.ofHours(1)));
        }
        long pid = postmasterPid();

        CliResult r = cli.run("shutdown");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("Stopped the embedded PostgreSQL"), r::toString);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the postmaster is gone");
    }

    @Test
    void an_external_database_is_left_alone() throws Exception {
        DatabaseUrl external = TestPostgres.freshEmbeddedUrl();

        CliResult r = cli.withEnv(Map.of("RGRID_DATABASE_URL", external.jdbcUrl())).run("shutdown");

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Error: There is no embedded PostgreSQL to stop: the database is external\n"
                + "  Value: " + external.jdbcUrl() + " (from RGRID_DATABASE_URL in the environment)\n"), r::toString);
        try (Connection c = DriverManager.getConnection(external.jdbcUrl())) {
            assertTrue(c.isValid(2), "the external database still answers");
        }
        assertFalse(Files.exists(postgres()), "no embedded server was started either");
    }

    @Test
    void a_configured_server_is_refused_too() {
        CliResult r = cli.withEnv(Map.of("RGRID_API_URL", "http://127.0.0.1:9", "RGRID_API_KEY", "rgk_test")).run("shutdown");

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Error: There is no embedded PostgreSQL to stop: commands go to an RGrid server\n"),
                r::toString);
        assertFalse(Files.exists(postgres()), "no embedded server was started");
    }

    private Path postgres() { return home.resolve("postgres"); }

    private long postmasterPid() {
        return Long.parseLong(read(postgres().resolve("data/postmaster.pid")).lines().findFirst().orElseThrow().trim());
    }

    private static ExecutionSpec spec() {
        return ExecutionSpec.builder("job.py", "print(1)\n".getBytes(StandardCharsets.UTF_8)).build();
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
