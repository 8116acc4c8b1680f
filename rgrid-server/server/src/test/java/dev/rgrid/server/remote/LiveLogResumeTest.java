package dev.rgrid.server.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.FlakyProxy;
import dev.rgrid.sdk.remote.RemoteOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Live logs through a proxy that cuts or silences the stream mid-run: resumed from the last line, none twice, none lost. */
class LiveLogResumeTest extends ThroughFlakyProxy {
    @Test
    void live_logs_resume_after_the_connection_is_cut_with_no_line_twice_or_missed() {
        String code = "import time\nfor i in range(10):\n    print(i, flush=True)\n    time.sleep(0.3)";
        try (RGrid rgrid = throughProxy()) {
            Execution submitted = rgrid.submit(tagged(code, "cut-" + System.nanoTime()));
            List<LogLine> seen = new ArrayList<>();

            rgrid.followLogs(submitted.id(), new LogQuery(0, Set.of(LogStream.STDOUT), 100), line -> {
                seen.add(line);
                if (line.text().equals("3") && notices.isEmpty()) proxy.cutAll();
            });

            assertEquals(IntStream.range(0, 10).mapToObj(Integer::toString).toList(), seen.stream().map(LogLine::text).toList());
            assertFalse(notices.isEmpty(), "the cut was noticed and retried");
            assertEquals("Connection lost. Retrying... (attempt 1/5)", notices.get(0));
            assertTrue(rgrid.status(submitted.id()).isFinal());
        }
    }

    @Test
    void live_logs_resume_when_the_connection_goes_silent_without_closing() {
        String code = "import time\nfor i in range(8):\n    print(i, flush=True)\n    time.sleep(0.2)";
        try (RGrid rgrid = RGrid.connect(RemoteOptions.builder(proxy.url(), key.secret()).retry(QUICK)
                .streamIdleTimeout(Duration.ofMillis(1500)).listener(n -> notices.add(n.message())).build())) {
            Execution submitted = rgrid.submit(tagged(code, "silent-" + System.nanoTime()));
            List<String> seen = new ArrayList<>();
            AtomicBoolean frozen = new AtomicBoolean();

            rgrid.followLogs(submitted.id(), new LogQuery(0, Set.of(LogStream.STDOUT), 100), line -> {
                seen.add(line.text());
                if (line.text().equals("2") && frozen.compareAndSet(false, true)) proxy.freezeAll();
            });

            assertEquals(IntStream.range(0, 8).mapToObj(Integer::toString).toList(), seen);
            assertTrue(notices.contains("Connection lost. Retrying... (attempt 1/5)"), notices::toString);
        }
    }
}
