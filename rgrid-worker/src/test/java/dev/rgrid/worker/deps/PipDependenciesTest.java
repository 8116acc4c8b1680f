package dev.rgrid.worker.deps;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.worker.exec.StopSignal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** requirements.txt beside a Python script: installed before it starts, cached for the next run. */
class PipDependenciesTest extends DepsScenario {
    static final String IMPORTING = """
            import greeter_%1$s
            print('greeting=' + greeter_%1$s.greet())
            """;

    private static String module(String name) {
        return "def greet():\n    return 'hello from " + name + "'\n";
    }

    @Test
    void requirements_are_installed_before_the_script_and_importable() {
        index.wheel("greeter_a", "1.0", module("greeter_a"));

        Ran ran = runPython(dependencies(), IMPORTING.formatted("a"), "# what the script needs\n greeter_a==1.0 \n\n");

        assertEquals(ExecutionStatus.SUCCEEDED, ran.outcome().status(), ran.sink().all().toString());
        assertEquals("hello from greeter_a", ran.sink().value("greeting"));
        List<String> system = ran.system();
        assertTrue(system.contains(Dependencies.INSTALLING), system.toString());
        assertTrue(system.stream().anyMatch(l -> l.contains("Successfully installed greeter_a-1.0")),
                "pip's own output is in the run's log, as SYSTEM lines: " + system);
        assertTrue(ran.sink().stdout().stream().noneMatch(l -> l.contains("Successfully installed")),
                "the script's stdout holds only the script's output");
    }

    @Test
    void the_second_run_with_the_same_requirements_uses_the_cache_without_pip() {
        index.wheel("greeter_b", "1.0", module("greeter_b"));
        Dependencies deps = dependencies();
        Ran first = runPython(deps, IMPORTING.formatted("b"), "greeter_b\n");
        int pagesAfterFirst = index.hits(TestIndex.page("greeter_b"));

        // The same requirements written differently: a comment, another order of blank lines, spaces.
        Ran second = runPython(dependencies(), IMPORTING.formatted("b"), "\n  greeter_b   # cached\n");

        assertEquals(ExecutionStatus.SUCCEEDED, first.outcome().status(), first.sink().all().toString());
        assertEquals(ExecutionStatus.SUCCEEDED, second.outcome().status(), second.sink().all().toString());
        assertEquals("hello from greeter_b", second.sink().value("greeting"));
        assertEquals(1, pagesAfterFirst);
        assertEquals(1, index.hits(TestIndex.page("greeter_b")), "pip did not run again");
        assertFalse(second.system().contains(Dependencies.INSTALLING), second.system().toString());
        assertTrue(second.system().stream().anyMatch(l -> l.startsWith("Using cached dependencies")), second.system().toString());
        assertEquals(1, deps.cache().list().size());
    }

    @Test
    void concurrent_first_runs_with_the_same_requirements_install_once() throws Exception {
        index.wheel("greeter_c", "1.0", module("greeter_c"));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            // Three runs, each with its own Dependencies over the same cache directory, as separate workers would be.
            List<Future<Ran>> runs = List.of(
                    pool.submit(() -> runPython(dependencies(), IMPORTING.formatted("c"), "greeter_c\n")),
                    pool.submit(() -> runPython(dependencies(), IMPORTING.formatted("c"), "greeter_c\n")),
                    pool.submit(() -> runPython(dependencies(), IMPORTING.formatted("c"), "greeter_c\n")));
            int installed = 0;
            for (Future<Ran> run : runs) {
                Ran ran = run.get();
                assertEquals(ExecutionStatus.SUCCEEDED, ran.outcome().status(), ran.sink().all().toString());
                assertEquals("hello from greeter_c", ran.sink().value("greeting"));
                if (ran.system().contains(Dependencies.INSTALLING)) installed++;
            }
            assertEquals(1, installed);
            assertEquals(1, index.hits(TestIndex.page("greeter_c")));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_unknown_package_fails_the_run_without_running_the_script_and_caches_nothing() throws Exception {
        Dependencies deps = dependencies();

        Ran ran = runPython(deps, "print('script ran')\n", "no-such-package-xyz==1.0\n");

        assertEquals(ExecutionStatus.FAILED, ran.outcome().status());
        assertEquals("dependency installation failed: No matching distribution found for no-such-package-xyz==1.0",
                ran.outcome().reason());
        assertNull(ran.outcome().exitCode());
        assertTrue(ran.sink().stdout().isEmpty(), "the script did not run: " + ran.sink().all());
        assertTrue(deps.cache().list().isEmpty());
        try (var left = Files.list(settings().cacheDir().resolve("tmp"))) {
            assertEquals(0, left.count(), "the failed install left nothing behind");
        }
    }

    @Test
    void a_line_pip_cannot_read_is_a_clear_error_before_anything_runs() {
        Ran ran = runPython(dependencies(), "print('script ran')\n", "requests\nthis is not a package\n");

        assertEquals(ExecutionStatus.FAILED, ran.outcome().status());
        assertTrue(ran.outcome().reason().startsWith("Line 2 of requirements.txt is not a requirement pip understands"
                + " [value: this is not a package]"), ran.outcome().reason());
        assertTrue(ran.sink().all().isEmpty(), "neither pip nor the script ran: " + ran.sink().all());
    }

    @Test
    void the_script_still_has_no_network_when_its_dependencies_were_installed_with_one() {
        index.wheel("greeter_d", "1.0", module("greeter_d"));
        String probe = IMPORTING.formatted("d") + """
                import socket
                interfaces = [line.split(':')[0].strip() for line in open('/proc/net/dev').readlines()[2:]]
                print('interfaces=' + ','.join(sorted(interfaces)))
                try:
                    socket.create_connection(('%s', %d), timeout=2)
                    print('index=reached')
                except OSError as e:
                    print('index=unreachable')
                """.formatted(index.host(), java.net.URI.create(index.url()).getPort());

        Ran ran = run(dependencies(), "python3.11", "main.py", probe, Map.of("sub/requirements.txt", "greeter_d\n"),
                "sub/requirements.txt", false);

        assertEquals(ExecutionStatus.SUCCEEDED, ran.outcome().status(), ran.sink().all().toString());
        assertEquals("hello from greeter_d", ran.sink().value("greeting"));
        assertEquals("lo", ran.sink().value("interfaces"));
        assertEquals("unreachable", ran.sink().value("index"));
    }

    @Test
    void the_installed_packages_are_read_only_to_the_script() {
        index.wheel("greeter_e", "1.0", module("greeter_e"));
        String script = IMPORTING.formatted("e") + """
                try:
                    open(greeter_e.__file__, 'a').write('# changed')
                    print('write=written')
                except OSError as e:
                    print('write=' + e.strerror)
                """;

        Ran ran = runPython(dependencies(), script, "greeter_e\n");

        assertEquals("Read-only file system", ran.sink().value("write"), ran.sink().all().toString());
    }

    @Test
    void a_cancel_during_the_install_ends_the_run_cancelled_and_caches_nothing() throws Exception {
        index.wheel("greeter_f", "1.0", module("greeter_f"));
        CountDownLatch release = new CountDownLatch(1);
        index.hold(TestIndex.page("greeter_f"), release);
        Dependencies deps = dependencies();
        StopSignal stop = new StopSignal();
        try {
            CompletableFuture<Ran> running = CompletableFuture.supplyAsync(() -> run(deps, "python3.11", "main.py",
                    IMPORTING.formatted("f"), Map.of("requirements.txt", "greeter_f\n"), "requirements.txt", false, stop));
            await().atMost(Duration.ofSeconds(60)).until(() -> index.hits(TestIndex.page("greeter_f")) == 1);

            stop.trigger();

            Ran ran = running.get(60, TimeUnit.SECONDS);
            assertEquals(ExecutionStatus.CANCELLED, ran.outcome().status(), ran.sink().all().toString());
            assertTrue(ran.sink().stdout().isEmpty(), "the script did not run");
            assertTrue(deps.cache().list().isEmpty());
        } finally {
            release.countDown();
        }
    }
}
