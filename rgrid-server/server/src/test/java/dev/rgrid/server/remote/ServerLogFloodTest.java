package dev.rgrid.server.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.core.testing.HeapWatch;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteRGrid;
import dev.rgrid.server.testing.RemoteMemory;
import dev.rgrid.server.testing.ServerProcess;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A run floods 200 MB to stdout through a server whose heap is capped at 256 MB, while a client follows it live:
 * the server and the client stay flat (heap sampled after full collections, the server's over JMX), the client
 * sees the first and last parts and the cut said, and the run ends with its true status.
 */
@Tag("docker")
@Tag("slow")
class ServerLogFloodTest {
    @Test
    void a_flood_followed_live_through_a_server_keeps_both_flat_and_its_status_true() throws Exception {
        int jmxPort = RemoteMemory.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_TOOL_OPTIONS", "-Xmx256m " + RemoteMemory.jvmOptions(jmxPort));
        env.put("RGRID_MAX_LOG_BYTES", "16m");
        try (ServerProcess server = ServerProcess.start(TestPostgres.freshEmbeddedUrl(), env);
             RemoteMemory serverJvm = RemoteMemory.connect(jmxPort);
             RemoteRGrid client = RGrid.connect(server.url(), server.createKey("flood", "gil"))) {
            AtomicLong lines = new AtomicLong();
            AtomicReference<String> last = new AtomicReference<>();
            long serverGrowth;
            long clientGrowth;
            Execution submitted;
            try (HeapWatch serverHeap = new HeapWatch(serverJvm.memory()).sampleEvery(Duration.ofSeconds(2));
                 HeapWatch clientHeap = new HeapWatch(ManagementFactory.getMemoryMXBean()).sampleEvery(Duration.ofSeconds(2))) {
                submitted = client.submit(ExecutionSpec.builder("flood.py", ("import sys\nline = 'y' * 1023 + '\\n'\n"
                        + "for i in range(200_000):\n    sys.stdout.write(line)\nprint('END')\n").getBytes(StandardCharsets.UTF_8)).build());
                client.followLogs(submitted.id(), LogQuery.all(), l -> {
                    if (l.stream() == LogStream.STDOUT) {
                        lines.incrementAndGet();
                        last.set(l.text());
                    }
                });
                serverHeap.sample();
                clientHeap.sample();
                serverGrowth = serverHeap.peakGrowthBytes();
                clientGrowth = clientHeap.peakGrowthBytes();
            }
            Execution done = client.await(submitted.id(), Duration.ofMinutes(2));
            assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + server.output());
            assertEquals("END", last.get(), "the last line came through live");
            assertTrue(done.droppedLogs().any() && lines.get() + done.droppedLogs().lines() == 200_001,
                    () -> "each line is either shown or counted as dropped: " + lines + " + " + done.droppedLogs());
            System.out.printf("flood: 200 MB of stdout followed live through a server at -Xmx256m; server heap grew %.1f MB,"
                    + " client %.1f MB; %d lines shown, %d dropped%n", serverGrowth / 1e6, clientGrowth / 1e6, lines.get(),
                    done.droppedLogs().lines());
            assertTrue(serverGrowth < 64L * 1024 * 1024, "the server stayed flat: +" + serverGrowth / 1024 / 1024 + " MB");
            assertTrue(clientGrowth < 64L * 1024 * 1024, "the client stayed flat: +" + clientGrowth / 1024 / 1024 + " MB");
            assertTrue(server.isAlive(), server::output);
        }
    }
}
