package dev.rgrid.worker.docker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Container;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.runtime.RuntimeEntry;
import dev.rgrid.worker.exec.ReadOnlyMount;
import dev.rgrid.worker.exec.RunRequest;
import dev.rgrid.worker.exec.RunShape;
import dev.rgrid.worker.exec.StopSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that takes a container started ahead behaves as one whose container was made for it: the same user, limits,
 * arguments, environment and outcomes; and containers waiting or taken survive the sweeps of other workers on the
 * same engine only while they are someone's.
 */
class DockerExecutorWarmTest extends DockerScenario {
    private static final RuntimeEntry PYTHON = new RuntimeEntry("python3.11", IMAGE, null, "python3", "Python 3.11");

    @TempDir
    Path scratch;
    private DockerExecutor pooled;

    @BeforeEach
    void open() {
        pooled = DockerExecutor.open(DockerExecutor.DEFAULT_DOCKER_HOST, Clock.systemUTC());
        assertEquals(IMAGE, pooled.resolve(PYTHON));
    }

    @AfterEach
    void closePool() {
        pooled.close();
    }

    @Test
    void second_run_of_a_shape_runs_in_the_container_started_for_it_as_its_own_would() throws Exception {
        String waiting = warmUp(LIMITS);

        Path dir = pooled.workDir(scratch, newId(), RunShape.of(IMAGE, LIMITS, false));
        Files.writeString(dir.resolve("main.py"), """
                import os, socket, sys
                print('host=' + socket.gethostname())
                print('pid=' + str(os.getpid()))
                print('uid=' + str(os.getuid()))
                print('cwd=' + os.getcwd())
                print('args=' + repr(sys.argv[1:]))
                print('env=' + repr(os.environ.get('QUOTED')))
                print('id=' + os.environ['RGRID_EXECUTION_ID'])
                print('home=' + os.environ['HOME'])
                print('stdin=' + repr(sys.stdin.read()))
                try:
                    open('/etc/probe', 'w')
                    print('root=writable')
                except OSError as e:
                    print('root=' + e.strerror)
                open('written.txt', 'w').write('kept')
                sys.exit(3)
                """);
        String quoted = "it's \"$HOME\" `id`\nand a second line";
        RunRequest request = new RunRequest(newId(), dir, IMAGE, List.of("python3", "main.py", "a b", quoted, "$(id)"),
                Map.of("QUOTED", quoted, "HOME", "/elsewhere"), LIMITS, false, List.of(), 7);
        CollectingSink sink = new CollectingSink();

        Outcome outcome = pooled.run(request, sink, new StopSignal());

        assertEquals(Outcome.exited(3), outcome, sink.all().toString());
        assertTrue(waiting.startsWith(sink.value("host")), "ran in the container started ahead: " + sink.all());
        assertEquals("1", sink.value("pid"), "the script is PID 1, as in a container of its own");
        assertEquals("65534", sink.value("uid"));
        assertEquals("/work", sink.value("cwd"));
        assertEquals("['a b', " + pyRepr(quoted) + ", '$(id)']", sink.value("args"));
        assertEquals(pyRepr(quoted), sink.value("env"));
        assertEquals(request.executionId(), sink.value("id"));
        assertEquals("/tmp", sink.value("home"), "RGrid's variables win over the user's, as in a container of its own");
        assertEquals("''", sink.value("stdin"), "stdin is empty");
        assertEquals("Read-only file system", sink.value("root"));
        assertEquals("kept", Files.readString(dir.resolve("written.txt")));
        assertTrue(sink.stderr().isEmpty(), sink.stderr().toString());
    }

    @Test
    void memory_limit_and_timeout_hold_in_a_container_started_ahead() throws Exception {
        Limits small = LIMITS.withMemoryMb(64).withTimeout(Duration.ofSeconds(2));
        warmUp(small);
        Outcome oom = runWarm(small, "x = bytearray(256 * 1024 * 1024)\nprint(len(x))\n");
        assertEquals(ExecutionStatus.OOM_KILLED, oom.status(), oom.toString());

        awaitWaiting(RunShape.of(IMAGE, small, false));
        Outcome slow = runWarm(small, "import time\ntime.sleep(60)\n");
        assertEquals(ExecutionStatus.TIMED_OUT, slow.status(), slow.toString());
    }

    @Test
    void a_cancelled_run_stops_its_container_started_ahead() throws Exception {
        warmUp(LIMITS);
        Path dir = pooled.workDir(scratch, newId(), RunShape.of(IMAGE, LIMITS, false));
        Files.writeString(dir.resolve("main.py"), "import time\nprint('started', flush=True)\ntime.sleep(60)\n");
        RunRequest request = new RunRequest(newId(), dir, IMAGE, List.of("python3", "main.py"), Map.of(), LIMITS, false,
                List.of(), 1);
        CollectingSink sink = new CollectingSink();
        StopSignal stop = new StopSignal();
        Thread canceller = new Thread(() -> {
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.stdout().contains("started"));
            stop.trigger();
        });
        canceller.start();

        Outcome outcome = pooled.run(request, sink, stop);
        canceller.join();

        assertEquals(ExecutionStatus.CANCELLED, outcome.status(), outcome.toString());
    }

    @Test
    void a_user_image_and_a_run_with_mounts_get_containers_of_their_own() throws Exception {
        DockerExecutor plain = DockerExecutor.open(DockerExecutor.DEFAULT_DOCKER_HOST, Clock.systemUTC());
        try {
            String image = plain.resolve(new RuntimeEntry(IMAGE, null, IMAGE, null, "an image"));
            plain.workDir(scratch, newId(), RunShape.of(image, LIMITS, false));
            // Containers are made one at a time in the order asked: once the runtime's is there, the image's would be.
            plain.resolve(PYTHON);
            RunShape runtime = RunShape.of(IMAGE, LIMITS.withMemoryMb(300), false);
            plain.workDir(scratch, newId(), runtime);
            await().atMost(Duration.ofSeconds(30)).until(() -> !waitingFor(plain, runtime).isEmpty());
            assertTrue(waitingFor(plain, RunShape.of(image, LIMITS, false)).isEmpty(), "nothing is started ahead for it");
        } finally {
            plain.close();
        }
        String waiting = warmUp(LIMITS);
        Path dir = pooled.workDir(scratch, newId(), RunShape.of(IMAGE, LIMITS, false));
        Files.writeString(dir.resolve("main.py"), "import socket\nprint('host=' + socket.gethostname())\n");
        RunRequest withMount = new RunRequest(newId(), dir, IMAGE, List.of("python3", "main.py"), Map.of(), LIMITS, false,
                List.of(new ReadOnlyMount(scratch, "/deps")), 1);
        CollectingSink sink = new CollectingSink();

        assertEquals(Outcome.exited(0), pooled.run(withMount, sink, new StopSignal()), sink.all().toString());
        assertFalse(waiting.startsWith(sink.value("host")), "a container made for it, with the mount");
        await().atMost(Duration.ofSeconds(20)).until(() -> !exists(waiting));
    }

    @Test
    void sweeps_keep_waiting_and_taken_containers_while_they_are_someones() throws Exception {
        String waiting = warmUp(LIMITS);
        DockerExecutor other = DockerExecutor.open(DockerExecutor.DEFAULT_DOCKER_HOST, Clock.systemUTC(), 0);
        try {
            // Every execution counts as current: a waiting container, which has none, is kept or not for itself.
            other.removeOrphans((execution, lease) -> true);
            assertTrue(exists(waiting), "another worker's sweep leaves a young waiting container alone");
            pooled.removeOrphans((execution, lease) -> true);
            assertTrue(exists(waiting), "its own pool's sweep too");

            String id = newId();
            Path dir = pooled.workDir(scratch, id, RunShape.of(IMAGE, LIMITS, false));
            Files.writeString(dir.resolve("main.py"), "import time\nprint('started', flush=True)\ntime.sleep(60)\n");
            RunRequest request = new RunRequest(id, dir, IMAGE, List.of("python3", "main.py"), Map.of(), LIMITS, false,
                    List.of(), 4);
            CollectingSink sink = new CollectingSink();
            AtomicReference<RuntimeException> ended = new AtomicReference<>();
            Thread run = new Thread(() -> {
                try {
                    pooled.run(request, sink, new StopSignal());
                } catch (RuntimeException e) {
                    ended.set(e);
                }
            });
            run.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.stdout().contains("started"));
            // Renamed just after it is taken: docker ps then names the execution and lease it runs.
            await().atMost(Duration.ofSeconds(20)).until(() -> nameOf(waiting).equals("/rgrid-run-4-" + id));

            other.removeOrphans((execution, lease) -> !execution.equals(id) || lease == 4);
            assertTrue(exists(waiting), "a taken container is kept while its attempt owns it");
            other.removeOrphans((execution, lease) -> !execution.equals(id));
            run.join(20_000);
            assertFalse(run.isAlive());
            assertFalse(exists(waiting), "and removed once its attempt is over");
            assertTrue(ended.get() instanceof ContainerEngineException e && e.getMessage().contains("removed by someone else"),
                    "its run says what happened to its container, as a run in a container of its own would: " + ended.get());
        } finally {
            other.close();
        }
    }

    @Test
    void a_run_whose_container_started_ahead_was_stopped_meanwhile_gets_one_of_its_own() throws Exception {
        String waiting = warmUp(LIMITS);
        executor.client().killContainerCmd(waiting).exec(); // as a restart of the Docker engine stops it
        await().atMost(Duration.ofSeconds(20)).until(() -> !Boolean.TRUE.equals(
                executor.client().inspectContainerCmd(waiting).exec().getState().getRunning()));
        Path dir = pooled.workDir(scratch, newId(), RunShape.of(IMAGE, LIMITS, false));
        Files.writeString(dir.resolve("main.py"), "import socket\nprint('host=' + socket.gethostname())\n");
        RunRequest request = new RunRequest(newId(), dir, IMAGE, List.of("python3", "main.py"), Map.of(), LIMITS, false,
                List.of(), 1);
        CollectingSink sink = new CollectingSink();

        assertEquals(Outcome.exited(0), pooled.run(request, sink, new StopSignal()), sink.all().toString());
        assertFalse(waiting.startsWith(sink.value("host")), sink.all().toString());
    }

    @Test
    void another_workers_sweep_removes_a_waiting_container_older_than_any_pool_keeps_one() throws Exception {
        String waiting = warmUp(LIMITS);
        // A worker whose clock is 13 minutes on sees it as a pool that died (pools remove theirs at 10) would leave it.
        Clock later = Clock.offset(Clock.systemUTC(), WarmPool.IDLE_MAX.plusMinutes(3));
        DockerExecutor other = DockerExecutor.open(DockerExecutor.DEFAULT_DOCKER_HOST, later, 0);
        try {
            other.removeOrphans((execution, lease) -> true);
        } finally {
            other.close();
        }
        assertFalse(exists(waiting));
    }

    @Test
    void a_waiting_container_whose_maker_died_on_this_machine_is_removed_at_once() throws Exception {
        // A process that lives until its start time is read (`true` may be gone before it is: no start time then).
        Process dead = new ProcessBuilder("sleep", "60").start();
        long start = dead.info().startInstant().orElseThrow().toEpochMilli();
        dead.destroyForcibly();
        dead.waitFor();
        Owner gone = new Owner(Owner.self().orElseThrow().bootId(), dead.pid(), start);
        String waiting = executor.client().createContainerCmd(IMAGE).withCmd("sleep", "300")
                .withLabels(Map.of(HardenedContainer.LABEL_MANAGED, "true", WarmPool.LABEL_WARM, "a-crashed-pool",
                        Owner.LABEL, gone.label()))
                .exec().getId();
        executor.client().startContainerCmd(waiting).exec();
        try {
            pooled.removeOrphans((execution, lease) -> true);
            assertFalse(exists(waiting), "its maker is gone: no need to wait until it is 12 minutes old");
        } finally {
            if (exists(waiting)) executor.client().removeContainerCmd(waiting).withForce(true).exec();
        }
    }

    @Test
    void a_held_container_whose_run_never_comes_is_removed() throws Exception {
        String waiting = warmUp(LIMITS);
        Path dir = pooled.workDir(scratch, newId(), RunShape.of(IMAGE, LIMITS, false));

        pooled.release(dir);

        await().atMost(Duration.ofSeconds(20)).until(() -> !exists(waiting));
        assertTrue(Files.isDirectory(dir), "the directory is the run's, which deletes it");
    }

    /** Makes the pool start a container for the shape (the first run of a shape has none waiting); its id. */
    private String warmUp(Limits limits) throws IOException {
        Path first = pooled.workDir(scratch, newId(), RunShape.of(IMAGE, limits, false));
        pooled.release(first);
        return awaitWaiting(RunShape.of(IMAGE, limits, false));
    }

    private String awaitWaiting(RunShape shape) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> waitingFor(pooled, shape), list -> !list.isEmpty()).get(0);
    }

    private Outcome runWarm(Limits limits, String script) throws IOException {
        Path dir = pooled.workDir(scratch, newId(), RunShape.of(IMAGE, limits, false));
        Files.writeString(dir.resolve("main.py"), script);
        RunRequest request = new RunRequest(newId(), dir, IMAGE, List.of("python3", "main.py"), Map.of(), limits, false,
                List.of(), 1);
        return pooled.run(request, new CollectingSink(), new StopSignal());
    }

    /** Containers waiting in this executor's pool for the shape (told apart by memory limit). */
    private static List<String> waitingFor(DockerExecutor executor, RunShape shape) {
        List<Container> all = executor.client().listContainersCmd()
                .withLabelFilter(Map.of(WarmPool.LABEL_WARM, executor.warmPool().poolId())).exec();
        return all.stream()
                .filter(c -> c.getNames()[0].startsWith("/rgrid-warm-") && shape.target().equals(c.getImage()))
                .filter(c -> memoryOf(executor, c.getId()) == shape.memoryMb() * 1024 * 1024)
                .map(Container::getId).toList();
    }

    private static long memoryOf(DockerExecutor executor, String id) {
        Long memory = executor.client().inspectContainerCmd(id).exec().getHostConfig().getMemory();
        return memory == null ? 0 : memory;
    }

    private static String nameOf(String containerId) {
        return executor.client().inspectContainerCmd(containerId).exec().getName();
    }

    private static boolean exists(String containerId) {
        return !executor.client().listContainersCmd().withShowAll(true).withIdFilter(List.of(containerId)).exec().isEmpty();
    }

    private static String newId() {
        return "exec_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static String pyRepr(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }

    @Test
    void launch_quotes_every_value_and_refuses_what_a_shell_cannot_be_given() {
        RunRequest request = new RunRequest("exec_x", scratch, IMAGE, List.of("python3", "it's.py"), Map.of("A", "'"),
                LIMITS, false);
        String launch = HardenedContainer.launch(request);
        assertTrue(launch.contains("export A=''\\'''\n"), launch);
        assertTrue(launch.endsWith("exec 'python3' 'it'\\''s.py' </dev/null\n"), launch);
        assertEquals(null, HardenedContainer.launch(new RunRequest("exec_x", scratch, IMAGE, List.of("python3", "a\0b"),
                Map.of(), LIMITS, false)));
    }
}
