package dev.rgrid.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rgrid.core.model.DroppedLogs;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `rgrid status` says plainly when the log limit cut a run's output, and how much. */
class StatusLogsLineTest {
    private static Execution ended(DroppedLogs dropped) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new Execution("exec_1", "a.py", List.of(), "python3.11", "img", Map.of(), Limits.DEFAULTS, Map.of(), false,
                ExecutionStatus.SUCCEEDED, "Exited with code 0", 0, t, t, t, "node", Execution.ISOLATION_CONTAINER, 1,
                Execution.LOCAL_OWNER, null, 3, dropped);
    }

    @Test
    void a_cut_log_names_what_was_dropped_and_the_setting() {
        assertEquals("934465 lines (912.6 MB) dropped from the middle by the log limit (RGRID_MAX_LOG_BYTES); the first "
                + "and the last part are kept", StatusCommand.logs(ended(new DroppedLogs(934_465, 956_892_160L))));
        assertEquals("complete", StatusCommand.logs(ended(DroppedLogs.NONE)));
    }
}
