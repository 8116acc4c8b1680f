package dev.rgrid.engine;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A follower that read the store and then waits is not left sleeping by an event that came while it read. */
class SignalTest {
    private static final long LONG_WAIT_MS = 60_000;

    @Test
    void an_event_between_reading_and_waiting_ends_the_wait_at_once() {
        Signal signal = new Signal();
        long seen = signal.events();
        signal.finished("exec_x"); // the run ends while the follower reads the store
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> signal.awaitAfter(seen, LONG_WAIT_MS));
        long seenLogs = signal.events();
        signal.logsWritten("exec_x");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> signal.awaitAfter(seenLogs, LONG_WAIT_MS));
    }
}
