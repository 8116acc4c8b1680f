package dev.rgrid.worker.ray;

import io.ray.api.Ray;
import java.io.File;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Ray in this process, one per JVM, shared by the engines in it; the last one to let go shuts it down.
 * <ul>
 *   <li>Local mode (the embedded default): tasks run on threads here; no Python, no raylet.</li>
 *   <li>Cluster mode: this process is the driver of a Ray cluster (started with {@code ray start}); tasks run
 *   in Java workers on its nodes, which load RGrid's classes from the code search path. The driver must run
 *   with the cluster's own {@code ray_dist.jar} ahead of any other Ray jar: the raylet and the Java core
 *   worker must be the same version.</li>
 * </ul>
 */
public final class RayRuntime {
    private static int users;
    private static String address;

    private RayRuntime() {}

    /** Starts (or shares) Ray in local mode. */
    public static synchronized void acquireLocal() {
        acquire(null, null);
    }

    /** Connects (or shares the connection) to the cluster at {@code clusterAddress} as its driver. */
    public static synchronized void acquireCluster(String clusterAddress, String codeSearchPath) {
        acquire(clusterAddress, codeSearchPath);
    }

    private static void acquire(String clusterAddress, String codeSearchPath) {
        if (users > 0 && !java.util.Objects.equals(address, clusterAddress)) {
            throw new IllegalStateException("Ray is already " + describe(address) + " in this process; cannot also be "
                    + describe(clusterAddress));
        }
        if (users++ == 0 && !Ray.isInitialized()) {
            address = clusterAddress;
            if (clusterAddress == null) {
                if (System.getProperty("ray.run-mode") == null) System.setProperty("ray.run-mode", "LOCAL");
            } else {
                System.setProperty("ray.run-mode", "CLUSTER");
                System.setProperty("ray.address", clusterAddress);
                System.setProperty("ray.job.code-search-path", codeSearchPath);
            }
            Ray.init();
        }
    }

    /** The cluster this process drives; null in local mode or when Ray is not up. */
    public static synchronized String clusterAddress() {
        return users > 0 ? address : null;
    }

    public static synchronized boolean isUp() {
        return users > 0 && Ray.isInitialized();
    }

    public static synchronized void release() {
        if (users > 0 && --users == 0 && Ray.isInitialized()) {
            Ray.shutdown();
            address = null;
        }
    }

    /**
     * This process's classpath without Ray's own jars: where the cluster's Java workers find RGrid's classes
     * when every node holds the same files at the same paths (one machine, or an identical install).
     */
    public static String ownCodeSearchPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !isRayJar(new File(entry).getName()))
                .collect(Collectors.joining(File.pathSeparator));
    }

    static boolean isRayJar(String fileName) {
        return fileName.startsWith("ray-api-") || fileName.startsWith("ray-runtime-") || fileName.equals("ray_dist.jar");
    }

    private static String describe(String clusterAddress) {
        return clusterAddress == null ? "in local mode" : "the driver of the cluster at " + clusterAddress;
    }
}
