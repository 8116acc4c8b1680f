package dev.rgrid.server.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteRGrid;
import dev.rgrid.server.testing.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fifty clients (five owners, ten clients each) against one server on these two cores for two minutes, each in a loop:
 * submit a run, follow its live logs to the end, read its status. No call may fail, each run's logs must be exactly
 * what it printed, and afterwards every owner holds exactly the runs its clients submitted, each ended succeeded once.
 * The p50 and p99 of status reads are printed (a figure for the README, not a target).
 */
@Tag("load")
@Tag("docker")
class ConcurrentClientsTest {
    private static final int OWNERS = 5;
    private static final int CLIENTS_PER_OWNER = 10;
    private static final Duration LOAD = Duration.ofMinutes(2);

    @Test
    void fifty_clients_for_two_minutes_lose_nothing_and_double_nothing() throws Exception {
        try (ServerProcess server = ServerProcess.start(TestPostgres.freshEmbeddedUrl(), Map.of())) {
            List<String> keys = new ArrayList<>();
            for (int o = 0; o < OWNERS; o++) keys.add(server.createKey("load-" + o, "owner" + o));
            ConcurrentLinkedQueue<Long> statusNanos = new ConcurrentLinkedQueue<>();
            long deadline = System.nanoTime() + LOAD.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(OWNERS * CLIENTS_PER_OWNER);
            List<Future<List<String>>> clients = new ArrayList<>();
            for (int o = 0; o < OWNERS; o++) {
                for (int c = 0; c < CLIENTS_PER_OWNER; c++) {
                    String key = keys.get(o);
                    String name = "o" + o + "c" + c;
                    clients.add(pool.submit(() -> client(server.url(), key, name, deadline, statusNanos)));
                }
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(LOAD.plusMinutes(5).toMinutes(), TimeUnit.MINUTES), "the clients finished");
            List<List<String>> submitted = new ArrayList<>();
            for (Future<List<String>> f : clients) submitted.add(f.get()); // a client's failure fails the test here

            int total = 0;
            for (int o = 0; o < OWNERS; o++) {
                Set<String> expected = new HashSet<>();
                for (int c = 0; c < CLIENTS_PER_OWNER; c++) expected.addAll(submitted.get(o * CLIENTS_PER_OWNER + c));
                try (RemoteRGrid reader = RGrid.connect(server.url(), keys.get(o))) {
                    List<Execution> recorded = all(reader);
                    Set<String> ids = new HashSet<>();
                    for (Execution e : recorded) ids.add(e.id());
                    assertEquals(expected, ids, "owner" + o + " holds exactly the runs its clients submitted, once each");
                    assertTrue(recorded.stream().allMatch(e -> e.status() == ExecutionStatus.SUCCEEDED),
                            () -> "every run succeeded: " + recorded.stream().filter(e -> e.status() != ExecutionStatus.SUCCEEDED).toList());
                }
                total += expected.size();
            }
            List<Long> sorted = new ArrayList<>(statusNanos);
            Collections.sort(sorted);
            System.out.printf("load: %d clients for %d s, %d runs submitted and followed, lost 0, doubled 0; status reads %d,"
                            + " p50 %.1f ms, p99 %.1f ms%n", OWNERS * CLIENTS_PER_OWNER, LOAD.toSeconds(), total, sorted.size(),
                    sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6);
            assertTrue(total >= OWNERS * CLIENTS_PER_OWNER, "every client got runs through: " + total);
        }
    }

    /** One client's loop; returns the ids it submitted. Any failed call throws, failing the test. */
    private static List<String> client(String url, String key, String name, long deadline, ConcurrentLinkedQueue<Long> statusNanos) {
        List<String> ids = new ArrayList<>();
        try (RemoteRGrid rgrid = RGrid.connect(url, key)) {
            for (int n = 0; System.nanoTime() < deadline; n++) {
                String tag = name + "-" + n;
                Execution e = rgrid.submit(ExecutionSpec.builder("load.py", ("print('" + tag + " a')\nprint('" + tag + " b')\n")
                        .getBytes(StandardCharsets.UTF_8)).build());
                ids.add(e.id());
                List<String> lines = new ArrayList<>();
                rgrid.followLogs(e.id(), LogQuery.all(), l -> {
                    if (l.stream() == LogStream.STDOUT) lines.add(l.text());
                });
                assertEquals(List.of(tag + " a", tag + " b"), lines, "the live logs of " + e.id() + ", each line once, in order");
                long start = System.nanoTime();
                Execution status = rgrid.status(e.id());
                statusNanos.add(System.nanoTime() - start);
                assertEquals(ExecutionStatus.SUCCEEDED, rgrid.await(e.id(), Duration.ofMinutes(2)).status(), status::toString);
            }
        }
        return ids;
    }

    private static List<Execution> all(RemoteRGrid reader) {
        List<Execution> all = new ArrayList<>();
        for (int offset = 0; ; offset += ExecutionQuery.MAX_LIMIT) {
            List<Execution> page = reader.list(new ExecutionQuery(Set.of(), Map.of(), ExecutionQuery.MAX_LIMIT, offset));
            all.addAll(page);
            if (page.size() < ExecutionQuery.MAX_LIMIT) return all;
        }
    }
}
