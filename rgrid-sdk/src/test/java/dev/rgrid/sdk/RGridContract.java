package dev.rgrid.sdk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.ConflictException;
import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link RGrid} must do, whatever runs behind it; one subclass per implementation. */
public abstract class RGridContract {
    protected static final Duration WAIT = Duration.ofSeconds(60);

    protected abstract RGrid rgrid();

    protected static ExecutionSpec.Builder python(String code) {
        return ExecutionSpec.builder("job.py", code.getBytes(StandardCharsets.UTF_8));
    }

    protected Execution runToEnd(ExecutionSpec spec) {
        Execution submitted = rgrid().submit(spec);
        Execution done = rgrid().await(submitted.id(), WAIT);
        assertTrue(done.isFinal(), "ended within " + WAIT + ": " + done.status());
        return done;
    }

    protected List<String> texts(String id, LogQuery query) {
        return rgrid().logs(id, query).stream().map(LogLine::text).toList();
    }

    @Test
    void hello_runs_and_its_output_comes_back() {
        Execution done = runToEnd(python("import sys\nprint('hello', sys.argv[1:])").arg("a b").arg("c").build());
        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals(0, done.exitCode());
        assertEquals(List.of("hello ['a b', 'c']"), texts(done.id(), new LogQuery(0, Set.of(LogStream.STDOUT), 100)));
        assertTrue(done.startedAt() != null && done.finishedAt() != null);
    }

    @Test
    void the_scripts_exit_code_is_recorded() {
        Execution done = runToEnd(python("import sys\nsys.exit(3)").build());
        assertEquals(ExecutionStatus.FAILED, done.status());
        assertEquals(3, done.exitCode());
        assertEquals("Exited with code 3", done.reason());
    }

    @Test
    void stderr_is_kept_apart_from_stdout() {
        Execution done = runToEnd(python("import sys\nprint('out')\nprint('err', file=sys.stderr)\nprint('out2')").build());
        assertEquals(List.of("err"), texts(done.id(), LogQuery.stderrOnly()));
        assertEquals(List.of("out", "out2"), texts(done.id(), new LogQuery(0, Set.of(LogStream.STDOUT), 100)));
    }

    @Test
    void environment_variables_reach_the_script() {
        Execution done = runToEnd(python("import os\nprint(os.environ['GREETING'])").env("GREETING", "hej").build());
        assertEquals(List.of("hej"), texts(done.id(), new LogQuery(0, Set.of(LogStream.STDOUT), 100)));
    }

    @Test
    void a_script_past_its_timeout_is_stopped_with_the_reason() {
        Execution done = runToEnd(python("import time\nwhile True:\n    print('tick', flush=True)\n    time.sleep(1)")
                .limits(Limits.DEFAULTS.withTimeout(Duration.ofSeconds(2))).build());
        assertEquals(ExecutionStatus.TIMED_OUT, done.status());
        assertEquals("Timeout after 2 s", done.reason());
        List<String> all = texts(done.id(), LogQuery.all());
        assertTrue(all.get(all.size() - 1).contains("Timeout after 2 s"), all.toString());
    }

    @Test
    void followed_logs_arrive_once_each_in_order_and_end_with_the_run() {
        Execution submitted = rgrid().submit(python("import time\nfor i in range(5):\n    print(i, flush=True)\n    time.sleep(0.2)").build());
        LogQuery scriptOutput = new LogQuery(0, Set.of(LogStream.STDOUT, LogStream.STDERR), LogQuery.DEFAULT_LIMIT);
        List<LogLine> seen = new ArrayList<>();
        Execution ended = rgrid().followLogs(submitted.id(), scriptOutput, seen::add);
        assertEquals(List.of("0", "1", "2", "3", "4"), seen.stream().map(LogLine::text).toList());
        assertTrue(rgrid().status(submitted.id()).isFinal(), "follow returns only once the run has ended");
        assertEquals(rgrid().status(submitted.id()), ended, "with the execution as it ended");
        List<LogLine> resumed = new ArrayList<>();
        rgrid().followLogs(submitted.id(), scriptOutput.after(seen.get(2).seq()), resumed::add);
        assertEquals(List.of("3", "4"), resumed.stream().map(LogLine::text).toList());
    }

    @Test
    void cancelling_a_running_script_stops_it() {
        Execution submitted = rgrid().submit(python("import time\nprint('started', flush=True)\ntime.sleep(600)").build());
        await().atMost(WAIT).until(() -> texts(submitted.id(), LogQuery.all()).contains("started"));
        rgrid().cancel(submitted.id());
        Execution done = rgrid().await(submitted.id(), WAIT);
        assertEquals(ExecutionStatus.CANCELLED, done.status(), done.reason());
    }

    @Test
    void an_unknown_runtime_is_refused_before_anything_is_recorded() {
        int before = rgrid().list(ExecutionQuery.recent()).size();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> rgrid().submit(python("print(1)").runtime("cobol85").build()));
        assertEquals("unknown_runtime", e.code());
        assertTrue(e.hint().contains("python3.11"), e.hint());
        assertEquals(before, rgrid().list(ExecutionQuery.recent()).size());
    }

    @Test
    void an_unknown_id_is_not_found() {
        assertThrows(NotFoundException.class, () -> rgrid().status("exec_doesnotexist"));
    }

    @Test
    void list_filters_by_metadata_and_status() {
        String tag = "t" + System.nanoTime();
        Execution ok = runToEnd(python("print(1)").metadata("batch", tag).build());
        Execution bad = runToEnd(python("raise SystemExit(1)").metadata("batch", tag).build());
        List<Execution> tagged = rgrid().list(new ExecutionQuery(Set.of(), Map.of("batch", tag), 50, 0));
        assertEquals(List.of(bad.id(), ok.id()), tagged.stream().map(Execution::id).toList());
        List<Execution> failed = rgrid().list(new ExecutionQuery(Set.of(ExecutionStatus.FAILED), Map.of("batch", tag), 50, 0));
        assertEquals(List.of(bad.id()), failed.stream().map(Execution::id).toList());
        assertEquals("Exited with code 0", rgrid().status(ok.id()).reason());
    }

    /** Reads the input, writes one output. */
    private static final String COPY = "import os\n"
            + "open(os.path.join(os.environ['RGRID_OUTPUT_DIR'], 'out.txt'), 'w').write(open('in.txt').read())\n";

    @Test
    void deleting_an_ended_execution_removes_it_its_logs_outputs_and_an_input_nobody_else_uses() throws IOException {
        Path input = Files.createTempFile("rgrid-delete", ".txt");
        try {
            Files.writeString(input, "only mine " + System.nanoTime());
            Execution done = runToEnd(python(COPY).input("in.txt", input).build());
            assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.reason());

            assertEquals(new Deletion(done.id(), 1, 1), rgrid().delete(done.id()));

            assertThrows(NotFoundException.class, () -> rgrid().status(done.id()));
            assertThrows(NotFoundException.class, () -> rgrid().logs(done.id(), LogQuery.all()));
            assertThrows(NotFoundException.class, () -> rgrid().outputs(done.id()));
            assertThrows(NotFoundException.class, () -> rgrid().delete(done.id()), "a second delete finds nothing");
            Execution again = runToEnd(python(COPY).input("in.txt", input).build());
            assertEquals(ExecutionStatus.SUCCEEDED, again.status(), "the input is sent again: " + again.reason());
        } finally {
            Files.deleteIfExists(input);
        }
    }

    @Test
    void an_input_another_execution_uses_stays_when_one_is_deleted() throws IOException {
        Path input = Files.createTempFile("rgrid-shared", ".txt");
        try {
            Files.writeString(input, "shared " + System.nanoTime());
            Execution first = runToEnd(python(COPY).input("in.txt", input).build());
            Execution second = runToEnd(python(COPY).input("in.txt", input).build());

            assertEquals(new Deletion(first.id(), 1, 0), rgrid().delete(first.id()));
            assertEquals(1, rgrid().outputs(second.id()).size(), "the other execution keeps its files");
            assertEquals(new Deletion(second.id(), 1, 1), rgrid().delete(second.id()), "now nobody uses it");
        } finally {
            Files.deleteIfExists(input);
        }
    }

    @Test
    void a_running_execution_cannot_be_deleted() {
        Execution submitted = rgrid().submit(python("import time\nprint('started', flush=True)\ntime.sleep(600)").build());
        await().atMost(WAIT).until(() -> texts(submitted.id(), LogQuery.all()).contains("started"));

        ConflictException e = assertThrows(ConflictException.class, () -> rgrid().delete(submitted.id()));
        assertEquals("execution_active", e.code());
        assertTrue(e.hint().contains("rgrid cancel " + submitted.id()), e.hint());
        rgrid().cancel(submitted.id());
        assertEquals(ExecutionStatus.CANCELLED, rgrid().await(submitted.id(), WAIT).status());
        assertEquals(0, rgrid().delete(submitted.id()).outputs());
    }

    @Test
    void a_requirements_file_that_is_not_an_input_is_refused_before_anything_is_recorded() {
        int before = rgrid().list(ExecutionQuery.recent()).size();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> rgrid().submit(python("print(1)").requirements("requirements.txt").build()));
        assertEquals("requirements_not_an_input", e.code());
        assertEquals("requirements.txt", e.value());
        assertEquals(before, rgrid().list(ExecutionQuery.recent()).size());
    }
}
