package dev.rgrid.cli.resident;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rgrid.cli.CliResult;
import dev.rgrid.cli.CliRunner;
import dev.rgrid.core.store.internal.EmbeddedPostgresServer;
import dev.rgrid.server.resident.EngineRecord;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's local engine as a user meets it: started by the first command, shared by the next ones, private to its home
 * and its user, replaced by another build, restarted after a crash with nothing lost, gone when idle.
 */
@Tag("docker")
class ResidentEngineTest {
    private static final Duration START = Duration.ofMinutes(2);

    @TempDir Path dir;
    @TempDir Path homeDir;
    @TempDir Path otherHomeDir;

    @Test
    void the_first_command_starts_the_engine_and_the_next_ones_use_it() throws IOException {
        Files.setPosixFilePermissions(homeDir, PosixFilePermissions.fromString("rwxr-xr-x")); // as a mkdir would make it
        try (ResidentHome home = new ResidentHome(homeDir)) {
            CliRunner cli = CliRunner.configured(dir, home.env());
            cli.script("hello.py", "print('hello from the engine')\n");

            CliResult run = cli.run("run", "hello.py");

            assertEquals(0, run.exitCode(), run::toString);
            assertEquals("hello from the engine\n", run.out());
            EngineRecord engine = home.engine();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(EngineRecord.file(homeDir))),
                    "the secret is readable by its user alone");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(homeDir)),
                    "and so is the home, with the runs' files");

            JsonNode list = cli.run("list", "--json").outJson();
            CliResult info = cli.run("info");

            assertEquals(1, list.size(), list::toString);
            assertEquals(engine.instance(), home.engine().instance(), "the same engine answered");
            assertTrue(info.out().contains("pid " + engine.pid()), info::toString);
        }
    }

    @Test
    void an_engine_that_refuses_its_settings_is_reported_by_the_command_with_its_reason_alone() {
        try (ResidentHome home = new ResidentHome(homeDir, Map.of("RGRID_MAX_LOG_BYTES", "abc"))) {
            CliResult list = CliRunner.configured(dir, home.env()).run("list");

            assertEquals(1, list.exitCode(), list::toString);
            assertTrue(list.err().startsWith("Error: The local engine did not start: it exited with code 1\n"), list::toString);
            assertTrue(list.err().contains("RGRID_MAX_LOG_BYTES") && list.err().contains("[value: abc]"), list::toString);
            assertTrue(!list.err().contains("\tat "), "the stack trace stays in engine.log: " + list);
            assertTrue(ResidentEngines.running(homeDir).isEmpty());
        }
    }

    @Test
    void two_homes_never_see_each_others_runs() {
        try (ResidentHome one = new ResidentHome(homeDir); ResidentHome other = new ResidentHome(otherHomeDir)) {
            CliRunner first = CliRunner.configured(dir, one.env());
            CliRunner second = CliRunner.configured(dir, other.env());
            first.script("hello.py", "print('one')\n");
            String id = first.run("run", "--detach", "hello.py").out().trim();

            CliResult list = second.run("list", "--json");
            CliResult status = second.run("status", id);

            assertEquals(0, list.outJson().size(), list::toString);
            assertEquals(3, status.exitCode(), status::toString);
            assertNotEquals(one.engine().port(), other.engine().port());
            assertNotEquals(one.engine().secret(), other.engine().secret());
        }
    }

    @Test
    void another_user_can_neither_read_the_secret_nor_be_served_without_it() throws Exception {
        try (ResidentHome home = new ResidentHome(homeDir)) {
            CliRunner cli = CliRunner.configured(dir, home.env());
            assertEquals(0, cli.run("list").exitCode());
            EngineRecord engine = home.engine();

            assertEquals(401, status(engine.url() + "/api/v1/executions", null), "no secret");
            assertEquals(401, status(engine.url() + "/api/v1/executions", "not-" + engine.secret()), "a wrong one");
            assertEquals(200, status(engine.url() + "/api/v1/executions", engine.secret()), "the home's own");

            assumeTrue(new File("/usr/sbin/runuser").canExecute() && "root".equals(System.getProperty("user.name")),
                    "reading as another user needs runuser and root");
            Files.setPosixFilePermissions(homeDir, PosixFilePermissions.fromString("rwxr-xr-x")); // even if they can list it
            Process cat = new ProcessBuilder("/usr/sbin/runuser", "-u", "nobody", "--", "cat", EngineRecord.file(homeDir).toString())
                    .redirectErrorStream(true).start();
            String said = new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertNotEquals(0, cat.waitFor(), said);
            assertTrue(said.contains("Permission denied"), said);
        }
    }

    @Test
    void the_engine_killed_mid_run_loses_nothing() {
        // Heartbeats each second, so the lost attempt is seen in seconds rather than in the default half minute.
        try (ResidentHome home = new ResidentHome(homeDir, Map.of("RGRID_HEARTBEAT_INTERVAL", "1s"))) {
            CliRunner cli = CliRunner.configured(dir, home.env());
            cli.script("slow.py", "import time\nprint('started', flush=True)\ntime.sleep(3)\nprint('done')\n");
            String id = cli.run("run", "--detach", "slow.py").out().trim();
            await().atMost(START).until(() -> cli.run("status", id, "--json").outJson().get("status").asText().equals("running"));
            EngineRecord killed = home.engine();

            ProcessHandle.of(killed.pid()).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(killed.pid()).isEmpty());
            CliResult follow = cli.run("logs", "--follow", id);

            assertEquals(0, follow.exitCode(), follow::toString);
            assertNotEquals(killed.instance(), home.engine().instance(), "the next command started another engine");
            JsonNode status = cli.run("status", id, "--json").outJson();
            assertEquals("succeeded", status.get("status").asText(), status::toString);
            assertTrue(status.get("attempt").asInt() >= 2, "the killed attempt was retried: " + status);
            assertTrue(cli.run("logs", id).out().contains("done\n"), "the retry ran to its end");
        }
    }

    @Test
    void a_command_of_another_build_replaces_the_engine_and_the_old_one_leaves() throws Exception {
        try (ResidentHome home = new ResidentHome(homeDir)) {
            String oldInstance = "old-" + UUID.randomUUID();
            Process old = ResidentEngines.spawn(home.env(), "0.0.1@an-older-build/0000", oldInstance,
                    homeDir.resolve("old-engine.log"));
            await().atMost(START).until(() -> ResidentEngines.running(homeDir)
                    .map(r -> r.instance().equals(oldInstance)).orElse(false));
            CliRunner cli = CliRunner.configured(dir, home.env());

            CliResult list = cli.run("list");

            assertEquals(0, list.exitCode(), list::toString);
            assertNotEquals(oldInstance, home.engine().instance(), "this build's engine answered");
            await().atMost(Duration.ofSeconds(60)).until(() -> !old.isAlive());
            assertEquals(0, old.exitValue(), "the old engine left by itself, cleanly");
        }
    }

    @Test
    void an_idle_engine_stops_by_itself() {
        try (ResidentHome home = new ResidentHome(homeDir, Map.of("RGRID_ENGINE_IDLE", "2s"))) {
            CliRunner cli = CliRunner.configured(dir, home.env());
            assertEquals(0, cli.run("list").exitCode());
            long pid = home.engine().pid();

            await().atMost(Duration.ofSeconds(60)).until(() -> ProcessHandle.of(pid).isEmpty());

            assertTrue(ResidentEngines.running(homeDir).isEmpty());
            assertTrue(Files.notExists(EngineRecord.file(homeDir)), "it took its record away");
            assertEquals(0, cli.run("list").exitCode(), "the next command starts it again");
        }
    }

    @Test
    void an_engine_whose_database_went_away_still_stops_when_idle() {
        try (ResidentHome home = new ResidentHome(homeDir, Map.of("RGRID_ENGINE_IDLE", "2s"))) {
            assertEquals(0, CliRunner.configured(dir, home.env()).run("list").exitCode());
            long pid = home.engine().pid();

            EmbeddedPostgresServer.stop(homeDir.resolve("postgres"), Duration.ofSeconds(30), port -> { });

            await().atMost(Duration.ofSeconds(60)).until(() -> ProcessHandle.of(pid).isEmpty());
        }
    }

    private static int status(String url, String secret) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        if (secret != null) connection.setRequestProperty("Authorization", "Bearer " + secret);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }
}
