package dev.rgrid.worker.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.ExecutionStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** package.json beside a Node script: npm installs it, require and import find it, the cache keeps it. */
class NpmDependenciesTest extends DepsScenario {

    private String tarball(String name) {
        return index.url() + "/files/" + name + "-1.0.0.tgz";
    }

    private String packageJson(String name) {
        return "{\"name\":\"app\",\"version\":\"1.0.0\",\"dependencies\":{\"" + name + "\":\"" + tarball(name) + "\"}}";
    }

    @Test
    void a_package_json_is_installed_and_required_then_found_in_the_cache() {
        index.npmPackage("hello-cjs", "1.0.0", "module.exports = { hi: () => 'hi from hello-cjs' };\n");
        String script = "console.log('greeting=' + require('hello-cjs').hi());\n";
        Map<String, String> files = Map.of("package.json", packageJson("hello-cjs"));

        Ran first = run(dependencies(), "node20", "main.js", script, files, "package.json", false);
        Ran second = run(dependencies(), "node20", "main.js", script, files, "package.json", false);

        assertEquals(ExecutionStatus.SUCCEEDED, first.outcome().status(), first.sink().all().toString());
        assertEquals("hi from hello-cjs", first.sink().value("greeting"));
        assertTrue(first.system().contains(Dependencies.INSTALLING), first.system().toString());
        assertTrue(first.system().stream().anyMatch(l -> l.startsWith("npm install for package.json")), first.system().toString());
        assertTrue(first.system().stream().anyMatch(l -> l.contains("added 1 package")), "npm's output is in the log");
        assertEquals(ExecutionStatus.SUCCEEDED, second.outcome().status(), second.sink().all().toString());
        assertEquals("hi from hello-cjs", second.sink().value("greeting"));
        assertFalse(second.system().contains(Dependencies.INSTALLING), second.system().toString());
        assertEquals(1, index.hits("/files/hello-cjs-1.0.0.tgz"), "npm did not run again");
    }

    @Test
    void a_package_lock_means_npm_ci_and_esm_import_finds_the_package() {
        byte[] tgz = index.npmPackage("hello-esm", "1.0.0", "module.exports = { hi: () => 'hi from hello-esm' };\n");
        String url = tarball("hello-esm");
        String lock = """
                {"name":"app","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{
                 "":{"name":"app","version":"1.0.0","dependencies":{"hello-esm":"%1$s"}},
                 "node_modules/hello-esm":{"version":"1.0.0","resolved":"%1$s","integrity":"%2$s"}}}
                """.formatted(url, TestPackages.integrity(tgz));
        String script = "import greeter from 'hello-esm';\nconsole.log('greeting=' + greeter.hi());\n";

        Ran ran = run(dependencies(), "node20", "main.mjs", script,
                Map.of("package.json", packageJson("hello-esm"), "package-lock.json", lock), "package.json", false);

        assertEquals(ExecutionStatus.SUCCEEDED, ran.outcome().status(), ran.sink().all().toString());
        assertEquals("hi from hello-esm", ran.sink().value("greeting"));
        assertTrue(ran.system().stream().anyMatch(l -> l.startsWith("npm ci for package.json")), ran.system().toString());
    }

    @Test
    void a_missing_package_fails_the_run_with_npms_reason() {
        String json = "{\"name\":\"app\",\"dependencies\":{\"gone\":\"" + index.url() + "/files/gone-1.0.0.tgz\"}}";

        Ran ran = run(dependencies(), "node20", "main.js", "console.log('script ran');\n",
                Map.of("package.json", json), "package.json", false);

        assertEquals(ExecutionStatus.FAILED, ran.outcome().status());
        assertEquals("dependency installation failed: 404 Not Found - GET " + index.url() + "/files/gone-1.0.0.tgz",
                ran.outcome().reason());
        assertTrue(ran.sink().stdout().isEmpty(), "the script did not run");
    }

    @Test
    void a_package_json_with_a_python_runtime_is_refused() {
        Ran ran = run(dependencies(), "python3.11", "main.py", "print('script ran')\n",
                Map.of("package.json", "{}"), "package.json", false);

        assertEquals(ExecutionStatus.FAILED, ran.outcome().status());
        assertTrue(ran.outcome().reason().startsWith("The runtime python3.11 cannot install package.json"), ran.outcome().reason());
    }
}
