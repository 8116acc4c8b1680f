package dev.rgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.StoreException;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What `rgrid run` exits with for each way a run can end, and what errors map to. */
class ExitCodesTest {

    private static Execution ended(ExecutionStatus status, Integer exitCode) {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        return new Execution("exec_1", "a.py", List.of(), "python3.11", "img", Map.of(), Limits.DEFAULTS, Map.of(),
                false, status, "reason", exitCode, t, t, t, "node", Execution.ISOLATION_CONTAINER, 1, Execution.LOCAL_OWNER, null, 3, null);
    }

    @Test
    void a_finished_script_gives_its_own_exit_code() {
        assertEquals(0, ExitCodes.forExecution(ended(ExecutionStatus.SUCCEEDED, 0)));
        assertEquals(3, ExitCodes.forExecution(ended(ExecutionStatus.FAILED, 3)));
    }

    @Test
    void a_run_stopped_by_rgrid_gives_the_documented_code_whatever_the_container_said() {
        assertEquals(124, ExitCodes.forExecution(ended(ExecutionStatus.TIMED_OUT, null)));
        assertEquals(124, ExitCodes.forExecution(ended(ExecutionStatus.TIMED_OUT, 137)));
        assertEquals(137, ExitCodes.forExecution(ended(ExecutionStatus.OOM_KILLED, null)));
        assertEquals(130, ExitCodes.forExecution(ended(ExecutionStatus.CANCELLED, 143)));
        assertEquals(125, ExitCodes.forExecution(ended(ExecutionStatus.WORKER_LOST, null)));
        assertEquals(125, ExitCodes.forExecution(ended(ExecutionStatus.FAILED, null)));
    }

    @Test
    void errors_map_to_usage_not_found_or_failure() {
        assertEquals(2, ExitCodes.forException(new InvalidInputException("c", "w", "v", "h")));
        assertEquals(3, ExitCodes.forException(new NotFoundException("execution", "exec_1")));
        assertEquals(1, ExitCodes.forException(new StoreException("w", "v", "h", null)));
        assertEquals(1, ExitCodes.forException(new IllegalStateException()));
    }
}
