package dev.rgrid.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PostgreSQL's own pace for a submission's write: the row a submission inserts (same table, same indexes, same shape),
 * inserted as fast as it goes from {@code connections} JDBC connections, each statement its own transaction.
 */
final class PostgresInserts {
    private static final String INSERT = "INSERT INTO executions (id, owner, script_name, script, args, runtime, env, "
            + "memory_mb, cpus, timeout_ms, pids_limit, metadata, network, max_attempts, status, created_at, heartbeat_at) "
            + "VALUES (?, 'bench', 'hello.py', ?, '[]'::jsonb, 'python3.11', '{}'::jsonb, 512, 1.0, 300000, 256, "
            + "'{\"bench\":\"postgres\"}'::jsonb, false, 3, 'queued', ?, ?)";

    private PostgresInserts() {}

    static double perSecond(String jdbcUrl, int connections, int seconds) throws Exception {
        AtomicLong inserted = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(jdbcUrl);
                     PreparedStatement ps = c.prepareStatement(INSERT)) {
                    byte[] script = "print('hello')\n".getBytes();
                    while (System.nanoTime() < deadline) {
                        Timestamp now = Timestamp.from(Instant.now());
                        ps.setString(1, "exec_pg" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
                        ps.setBytes(2, script);
                        ps.setTimestamp(3, now);
                        ps.setTimestamp(4, now);
                        ps.executeUpdate();
                        inserted.incrementAndGet();
                    }
                } catch (SQLException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        if (!failures.isEmpty()) throw new IllegalStateException("inserting straight to PostgreSQL failed", failures.get(0));
        return inserted.get() / ((System.nanoTime() - start) / 1e9);
    }
}
