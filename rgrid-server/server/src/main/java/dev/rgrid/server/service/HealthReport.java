package dev.rgrid.server.service;

/**
 * Health of each part, apart: {@code status} is {@code ok} or {@code degraded}; {@code db} is
 * {@code connected} or {@code unreachable}; {@code executor} is {@code docker: connected},
 * {@code docker: unreachable} or {@code local-process}; {@code ray} and {@code artifacts} are {@code up}
 * or {@code down}; {@code artifactStore} says which artifact store ("s3://rgrid at http://minio:9000").
 */
public record HealthReport(String status, String db, String executor, String ray, String artifacts, String artifactStore) {
    public static final String UP = "up";
    public static final String DOWN = "down";

    public boolean healthy() { return "ok".equals(status); }
}
