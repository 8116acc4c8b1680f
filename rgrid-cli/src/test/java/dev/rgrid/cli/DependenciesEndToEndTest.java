package dev.rgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.RGridHome;
import dev.rgrid.worker.deps.CachedEnvironment;
import dev.rgrid.worker.deps.DependencyCache;
import dev.rgrid.worker.deps.DependencyKind;
import dev.rgrid.worker.deps.DependencySettings;
import dev.rgrid.worker.deps.TestIndex;
import dev.rgrid.worker.deps.TestPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 6 through `rgrid run` and `rgrid cache`: the requirements beside a script are installed from a package
 * index this test serves (on the Docker bridge, named by RGRID_PIP_INDEX_URL), the next run finds them cached, and
 * `rgrid cache list|clear` show and remove them. Real engine, real Docker, real pip and npm.
 */
@Tag("docker")
class DependenciesEndToEndTest {
    static final TestIndex index = new TestIndex();
    static final Map<String, String> INDEX_SETTINGS = Map.of(
            "RGRID_PIP_INDEX_URL", index.simpleUrl(),
            "RGRID_PIP_TRUSTED_HOST", index.host());

    @RegisterExtension static final LocalEngine engine = LocalEngine.fresh(INDEX_SETTINGS);

    private static final String IMPORTING = "import %1$s\nprint('greeting=' + %1$s.greet())\n";
    private static final Pattern KEY = Pattern.compile("cache key ([0-9a-f]+)");
    private static final Pattern ID = Pattern.compile("Execution (exec_\\S+)");

    @TempDir Path dir;
    CliRunner cli;

    @BeforeEach
    void cli() { cli = engine.cli(dir).withEnv(INDEX_SETTINGS); }

    @AfterAll
    static void closeIndex() { index.close(); }

    private static String module(String name) {
        return "def greet():\n    return 'hello from " + name + "'\n";
    }

    private void project(String script, String source, String requirements) throws IOException {
        Files.createDirectories(dir.resolve("proj"));
        Files.writeString(dir.resolve("proj").resolve(script), source);
        Files.writeString(dir.resolve("proj/requirements.txt"), requirements);
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), "no " + pattern + " in: " + text);
        return m.group(1);
    }

    private JsonNode listed(String key) {
        CliResult list = cli.run("cache", "list", "--json");
        assertEquals(ExitCodes.OK, list.exitCode(), list::toString);
        return StreamSupport.stream(list.outJson().spliterator(), false)
                .filter(e -> e.get("key").asText().equals(key)).findFirst().orElse(null);
    }

    @Test
    void requirements_beside_the_script_are_installed_then_cached_listed_and_cleared() throws IOException {
        index.wheel("greeter_cli", "1.0", module("greeter_cli"));
        project("main.py", IMPORTING.formatted("greeter_cli"), "greeter_cli==1.0\n");

        CliResult first = cli.run("run", "proj/main.py");
        CliResult second = cli.run("run", "proj/main.py");

        assertEquals(ExitCodes.OK, first.exitCode(), first::toString);
        assertEquals("greeting=hello from greeter_cli\n", first.out());
        assertTrue(first.err().contains("[rgrid] Installing dependencies...\n"), first::toString);
        assertTrue(first.err().contains("Successfully installed greeter_cli-1.0"), first::toString);
        assertEquals(ExitCodes.OK, second.exitCode(), second::toString);
        assertEquals("greeting=hello from greeter_cli\n", second.out());
        assertFalse(second.err().contains("Installing dependencies"), second::toString);
        assertTrue(second.err().contains("[rgrid] Using cached dependencies (requirements.txt, cache key "), second::toString);
        assertEquals(1, index.hits(TestIndex.page("greeter_cli")), "the second run did not ask the index");

        String key = match(KEY, second.err());
        JsonNode entry = listed(key);
        assertTrue(entry != null, "cache list shows " + key);
        assertEquals("pip", entry.get("kind").asText());
        assertEquals("python3.11", entry.get("runtime").asText());
        assertTrue(entry.get("image").asText().startsWith("sha256:"), entry::toString);
        assertTrue(entry.get("sizeBytes").asLong() > 0, entry::toString);
        assertFalse(entry.get("inUse").asBoolean(), entry::toString);
        CliResult table = cli.run("cache", "list");
        assertTrue(table.out().startsWith("KEY "), table::toString);
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith(key) && l.contains("pip") && l.contains("python3.11")
                && l.endsWith("no")), table::toString);

        CliResult cleared = cli.run("cache", "clear", key);

        assertEquals(ExitCodes.OK, cleared.exitCode(), cleared::toString);
        assertTrue(cleared.out().startsWith("Removed " + key + " ("), cleared::toString);
        assertEquals(null, listed(key));
        CliResult third = cli.run("run", "proj/main.py");
        assertEquals(ExitCodes.OK, third.exitCode(), third::toString);
        assertTrue(third.err().contains("[rgrid] Installing dependencies...\n"), "installed again after the clear: " + third);
        assertEquals(2, index.hits(TestIndex.page("greeter_cli")));
    }

    @Test
    void a_failing_install_fails_the_run_with_the_installers_reason_and_the_script_does_not_run() throws IOException {
        project("main.py", "print('script ran')\n", "no-such-package-cli==1.0\n");

        CliResult r = cli.run("run", "proj/main.py");

        assertNotEquals(ExitCodes.OK, r.exitCode(), r::toString);
        assertEquals("", r.out(), "the script did not run");
        JsonNode status = cli.run("status", match(ID, r.err()), "--json").outJson();
        assertEquals("failed", status.get("status").asText(), status::toString);
        assertEquals("dependency installation failed: No matching distribution found for no-such-package-cli==1.0",
                status.get("reason").asText(), status::toString);
    }

    @Test
    void no_requirements_runs_the_script_without_installing_anything() throws IOException {
        project("main.py", "print('script ran')\n", "no-such-package-skipped==1.0\n");

        CliResult r = cli.run("run", "--no-requirements", "proj/main.py");

        assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
        assertEquals("script ran\n", r.out());
        assertFalse(r.err().contains("Installing dependencies"), r::toString);
        assertEquals(0, index.hits(TestIndex.page("no-such-package-skipped")));
    }

    @Test
    void an_entry_a_run_uses_is_kept_and_an_unknown_key_is_not_found() throws IOException {
        index.wheel("greeter_busy", "1.0", module("greeter_busy"));
        project("main.py", IMPORTING.formatted("greeter_busy"), "greeter_busy\n");
        assertEquals(ExitCodes.OK, cli.run("run", "proj/main.py").exitCode());
        String key = match(KEY, cli.run("run", "proj/main.py").err());
        DependencyCache cache = DependencyCache.open(
                DependencySettings.from(ConfigSources.load(Map.of(RGridHome.ENV, engine.home().toString()))), Clock.systemUTC());
        CliResult busy;
        CliResult clearAll;
        try (CachedEnvironment use = cache.acquire(key, new DependencyCache.Description("python3.11", "sha256:x", DependencyKind.PIP),
                target -> { throw new AssertionError("the entry is installed already"); })) {
            assertFalse(use.installed());
            busy = cli.run("cache", "clear", key);
            clearAll = cli.run("cache", "clear", "--json");
            assertTrue(listed(key).get("inUse").asBoolean());
        }

        assertEquals(ExitCodes.FAILURE, busy.exitCode(), busy::toString);
        assertTrue(busy.err().startsWith("Error: The dependency cache entry is in use by a running execution\n  Value: " + key),
                busy::toString);
        assertEquals(ExitCodes.OK, clearAll.exitCode(), clearAll::toString);
        assertEquals(List.of(key), StreamSupport.stream(clearAll.outJson().get("inUse").spliterator(), false)
                .map(JsonNode::asText).toList());
        CliResult unknown = cli.run("cache", "clear", "0123456789abcdef", "--json");
        assertEquals(ExitCodes.NOT_FOUND, unknown.exitCode(), unknown::toString);
        assertEquals("cache_entry_not_found", unknown.errJson().get("error").get("code").asText(), unknown::toString);
        assertEquals("0123456789abcdef", unknown.errJson().get("error").get("value").asText(), unknown::toString);
        CliResult freed = cli.run("cache", "clear", key);
        assertEquals(ExitCodes.OK, freed.exitCode(), "no longer in use: " + freed);
    }

    @Test
    void a_package_json_beside_a_node_script_is_installed_with_npm() throws IOException {
        byte[] tgz = index.npmPackage("hello-cli", "1.0.0", "module.exports = { hi: () => 'hi from hello-cli' };\n");
        String url = index.url() + "/files/hello-cli-1.0.0.tgz";
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/main.js"), "console.log(require('hello-cli').hi());\n");
        Files.writeString(dir.resolve("app/package.json"),
                "{\"name\":\"app\",\"version\":\"1.0.0\",\"dependencies\":{\"hello-cli\":\"" + url + "\"}}");
        Files.writeString(dir.resolve("app/package-lock.json"), """
                {"name":"app","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{
                 "":{"name":"app","version":"1.0.0","dependencies":{"hello-cli":"%1$s"}},
                 "node_modules/hello-cli":{"version":"1.0.0","resolved":"%1$s","integrity":"%2$s"}}}
                """.formatted(url, TestPackages.integrity(tgz)));

        CliResult first = cli.run("run", "--runtime", "node20", "app/main.js");
        CliResult second = cli.run("run", "--runtime", "node20", "app/main.js");

        assertEquals(ExitCodes.OK, first.exitCode(), first::toString);
        assertEquals("hi from hello-cli\n", first.out());
        assertTrue(first.err().contains("[rgrid] npm ci for package.json"), first::toString);
        assertEquals(ExitCodes.OK, second.exitCode(), second::toString);
        assertTrue(second.err().contains("[rgrid] Using cached dependencies (package.json"), second::toString);
        assertEquals(1, index.hits("/files/hello-cli-1.0.0.tgz"), "npm did not run again");
        assertEquals("npm", listed(match(KEY, second.err())).get("kind").asText());
    }

    @Test
    void with_a_server_configured_the_cache_commands_say_they_act_on_this_machine() {
        CliResult r = cli.withEnv(Map.of("RGRID_API_URL", "http://rgrid.example.com:8080", "RGRID_API_KEY", "rgk_test"))
                .run("cache", "list", "--json");

        assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("Note: the CLI runs scripts on the RGrid server http://rgrid.example.com:8080 (from "
                + "RGRID_API_URL in the environment), whose dependency caches live on its worker nodes; this command acts only on this machine's cache in "
                + engine.home().resolve("deps")), r::toString);
        assertTrue(r.outJson().isArray(), r::toString);
    }
}
