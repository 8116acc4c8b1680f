package dev.rgrid.server.service;

/**
 * Health of each part, apart: {@code status} is {@code ok} or {@code degraded}; {@code db} is
 * {@code connected} or {@code unreachable}; {@code executor} is {@code docker: connected},
 * {@code docker: unreachable} or {@code local-process}; {@code ray} is {@code up} or {@code down}.
 */
public record HealthReport(String status, String db, String executor, String ray, String artifacts) {
    public static final String ARTIFACTS_NOT_CONFIGURED = "not-configured";

    public boolean healthy() { return "ok".equals(status); }
}
