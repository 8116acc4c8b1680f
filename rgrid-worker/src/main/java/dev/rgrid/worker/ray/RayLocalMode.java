package dev.rgrid.worker.ray;

import io.ray.api.Ray;

/**
 * Ray in local mode, in this process: tasks run on threads here, no Python or raylet needed. Ray is
 * one per JVM, so engines share it; the last one to let go shuts it down.
 */
public final class RayLocalMode {
    private static int users;

    private RayLocalMode() {}

    public static synchronized void acquire() {
        if (users++ == 0 && !Ray.isInitialized()) {
            if (System.getProperty("ray.run-mode") == null) System.setProperty("ray.run-mode", "LOCAL");
            Ray.init();
        }
    }

    public static synchronized boolean isUp() {
        return users > 0 && Ray.isInitialized();
    }

    public static synchronized void release() {
        if (users > 0 && --users == 0 && Ray.isInitialized()) Ray.shutdown();
    }
}
