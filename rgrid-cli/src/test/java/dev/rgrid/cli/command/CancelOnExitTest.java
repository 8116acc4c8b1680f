package dev.rgrid.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import dev.rgrid.sdk.RGrid;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ctrl-C while attached: the shutdown hook cancels the run, and a failure to cancel is said, not thrown. */
class CancelOnExitTest {

    /** An RGrid that records cancel calls (and fails them when asked), and reports the run cancelled. */
    private static RGrid recording(List<String> cancelled, boolean fail) {
        return (RGrid) Proxy.newProxyInstance(RGrid.class.getClassLoader(), new Class<?>[] {RGrid.class}, (p, m, a) -> {
            switch (m.getName()) {
                case "cancel" -> {
                    if (fail) throw new IllegalStateException("database gone");
                    cancelled.add((String) a[0]);
                    return null;
                }
                case "await" -> {
                    return cancelledExecution((String) a[0]);
                }
                default -> throw new UnsupportedOperationException(m.getName());
            }
        });
    }

    private static Execution cancelledExecution(String id) {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        return new Execution(id, "a.py", List.of(), "python3.11", "img", Map.of(), Limits.DEFAULTS, Map.of(), false,
                ExecutionStatus.CANCELLED, "Cancelled by user", null, t, t, t, "node", Execution.ISOLATION_CONTAINER, 1, Execution.LOCAL_OWNER, null, 3, null);
    }

    @Test
    void the_hook_cancels_the_attached_run_and_waits_for_it_to_be_recorded() {
        List<String> cancelled = new ArrayList<>();
        StringWriter err = new StringWriter();

        CancelOnExit.canceller(recording(cancelled, false), "exec_1", new PrintWriter(err)).run();

        assertEquals(List.of("exec_1"), cancelled);
        assertEquals("[rgrid] Interrupted: cancelling exec_1\nExecution exec_1 cancelled: Cancelled by user\n", err.toString());
    }

    @Test
    void a_failed_cancel_is_reported_with_what_to_do() {
        StringWriter err = new StringWriter();

        CancelOnExit.canceller(recording(new ArrayList<>(), true), "exec_1", new PrintWriter(err)).run();

        assertTrue(err.toString().contains("Could not cancel exec_1: database gone; see `rgrid cancel exec_1`"), err::toString);
    }
}
