package dev.rgrid.worker.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Outcome;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a script prints reaches the sink, stdout and stderr apart, all of it before run() returns. */
class DockerExecutorOutputTest extends DockerScenario {

    @Test
    void hello_prints_to_stdout_and_succeeds() {
        Ran ran = runPython("print('hello from rgrid')\n");

        assertEquals(Outcome.exited(0), ran.outcome());
        assertEquals(List.of("hello from rgrid"), ran.sink().stdout());
        assertEquals(List.of(), ran.sink().stderr());
    }

    @Test
    void stderr_arrives_apart_as_separate_lines() {
        Ran ran = runPython("""
                import sys
                print('out 1')
                print('err 1', file=sys.stderr)
                print('err 2', file=sys.stderr)
                print('out 2')
                """);

        assertEquals(List.of("out 1", "out 2"), ran.sink().stdout());
        assertEquals(List.of("err 1", "err 2"), ran.sink().stderr());
    }

    @Test
    void exit_code_is_recorded_as_failure() {
        Ran ran = runPython("import sys\nprint('bye')\nsys.exit(3)\n");

        assertEquals(ExecutionStatus.FAILED, ran.outcome().status());
        assertEquals(3, ran.outcome().exitCode());
        assertEquals("Exited with code 3", ran.outcome().reason());
        assertEquals(List.of("bye"), ran.sink().stdout());
    }

    @Test
    void burst_of_output_and_last_unterminated_line_are_not_lost() {
        Ran ran = runPython("""
                import sys
                for i in range(20000):
                    print(f'line {i}')
                    if i % 1000 == 0:
                        print(f'err {i}', file=sys.stderr)
                sys.stdout.write('tail without newline')
                """);

        List<String> expected = IntStream.range(0, 20000).mapToObj(i -> "line " + i).toList();
        List<String> stdout = ran.sink().stdout();
        assertEquals(expected, stdout.subList(0, stdout.size() - 1));
        assertEquals("tail without newline", stdout.get(stdout.size() - 1));
        assertEquals(20, ran.sink().stderr().size());
    }

    @Test
    void script_sees_its_execution_id_and_unbuffered_python() {
        Ran ran = runPython("""
                import os
                for key in ('RGRID_EXECUTION_ID', 'PYTHONUNBUFFERED', 'HOME'):
                    print(f'{key}={os.environ.get(key)}')
                print(f'cwd={os.getcwd()}')
                """);

        assertEquals(ran.executionId(), ran.sink().value("RGRID_EXECUTION_ID"));
        assertEquals("1", ran.sink().value("PYTHONUNBUFFERED"));
        assertEquals("/tmp", ran.sink().value("HOME"));
        assertEquals("/work", ran.sink().value("cwd"));
        awaitRemoved(ran.executionId());
    }
}
