package dev.rgrid.worker.ray;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a lost attempt says when its Ray task failed. */
class TaskFailureTest {
    @Test
    void a_dead_node_is_named_as_such_whatever_ray_calls_it() {
        assertEquals("its node or its worker process died",
                RayDispatcher.taskFailure(new IllegalArgumentException("Unrecognized metadata [50, 51]")));
        assertEquals("its node or its worker process died", RayDispatcher.taskFailure(new RuntimeException("wrapped",
                new RuntimeException("The actor ffff01000000 died unexpectedly before finishing this task."))));
        assertEquals("its Ray task failed: boom", RayDispatcher.taskFailure(new IllegalStateException("boom")));
    }
}
