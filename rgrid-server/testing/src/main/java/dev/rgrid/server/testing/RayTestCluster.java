package dev.rgrid.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Ray cluster on this machine, for tests: a head and worker nodes started by {@code infra/ray/cluster.sh}
 * from pip's {@code ray} package (installed into a cached venv on first use). Each worker node is known by its
 * raylet port, which {@link #killNode} uses to kill it like a machine that dies.
 *
 * <pre>
 * try (RayTestCluster cluster = RayTestCluster.start(2, "2g")) {
 *     ServerProcess server = ServerProcess.startDriver(db, Map.of(), cluster);
 * }
 * </pre>
 */
public final class RayTestCluster implements AutoCloseable {
    private static final long SCRIPT_TIMEOUT_SECONDS = 300;

    private final Path script;
    private final String address;
    private final Path rayDistJar;
    private final String memory;
    private final List<Integer> workerPorts = new ArrayList<>();

    private RayTestCluster(Path script, String address, Path rayDistJar, String memory) {
        this.script = script;
        this.address = address;
        this.rayDistJar = rayDistJar;
        this.memory = memory;
    }

    /** Starts a head and {@code workers} worker nodes of 1 CPU, {@code memory} and one container slot each. */
    public static RayTestCluster start(int workers, String memory) {
        Path script = findScript();
        String address = run(script, "start", "--workers", "0").trim();
        RayTestCluster cluster = new RayTestCluster(script, address, Path.of(run(script, "jar").trim()), memory);
        for (int i = 0; i < workers; i++) cluster.addWorker();
        return cluster;
    }

    /** Adds a worker node; returns its raylet port. */
    public int addWorker() {
        int port = Integer.parseInt(run(script, "add-worker", "--memory", memory).trim());
        workerPorts.add(port);
        return port;
    }

    /** Kills the worker node with this raylet port and its worker processes at once ({@code kill -9}). */
    public void killNode(int port) {
        run(script, "kill-node", String.valueOf(port));
        workerPorts.remove(Integer.valueOf(port));
    }

    /**
     * Kills the worker node whose Ray node id starts with {@code nodeIdPrefix} (as RGrid names nodes:
     * {@code host/8f3a2c1d}) and its worker processes at once ({@code kill -9}).
     */
    public void killNodeById(String nodeIdPrefix) {
        if (!nodeIdPrefix.matches("[0-9a-f]{8,}")) throw new IllegalArgumentException("not a Ray node id: " + nodeIdPrefix);
        run(script, "kill-node", nodeIdPrefix);
    }

    public String address() { return address; }

    public Path rayDistJar() { return rayDistJar; }

    /** The {@code ray} command of the venv the cluster runs from (for tests that start nodes of their own). */
    public String rayBin() {
        return Path.of(run(script.resolveSibling("venv.sh")).trim(), "bin", "ray").toString();
    }

    /** The source tree's {@code infra} directory this cluster's script lies in. */
    public Path infra() {
        return script.getParent().getParent();
    }

    public List<Integer> workerPorts() { return List.copyOf(workerPorts); }

    @Override
    public void close() {
        run(script, "stop");
    }

    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("infra/ray/cluster.sh");
            if (Files.isExecutable(candidate)) return candidate;
        }
        throw new IllegalStateException("infra/ray/cluster.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static String run(Path script, String... args) {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        try {
            Path err = Files.createTempFile("ray-cluster", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
                byte[] out = process.getInputStream().readAllBytes();
                if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in " + SCRIPT_TIMEOUT_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                            + Files.readString(err));
                }
                return new String(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }
}
