package dev.rgrid.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Ray cluster on this machine, through {@code infra/ray/cluster.sh}: a head and worker nodes of 1 CPU,
 * the given memory and one container slot each. {@link #close} stops every Ray process on the machine.
 */
final class RayCluster implements AutoCloseable {
    private static final Path SCRIPT = Path.of("infra/ray/cluster.sh");
    private static final long SCRIPT_TIMEOUT_SECONDS = 300;

    private final String address;
    private final Path rayDistJar;
    private final String memory;

    private RayCluster(String address, Path rayDistJar, String memory) {
        this.address = address;
        this.rayDistJar = rayDistJar;
        this.memory = memory;
    }

    static RayCluster start(int workers, String memory) throws IOException, InterruptedException {
        String address = run("start", "--workers", String.valueOf(workers), "--memory", memory);
        return new RayCluster(address, Path.of(run("jar")).toAbsolutePath(), memory);
    }

    /** host:port of the head, as RGRID_RAY_ADDRESS takes it. */
    String address() { return address; }

    /** The cluster's own Ray jar, which a driver must run with in place of Maven's. */
    Path rayDistJar() { return rayDistJar; }

    /** Kills the node whose Ray node id starts with {@code nodeIdPrefix}, and its workers, with kill -9. */
    void killNode(String nodeIdPrefix) throws IOException, InterruptedException {
        if (!nodeIdPrefix.matches("[0-9a-f]{8,}")) throw new IllegalArgumentException("not a Ray node id: " + nodeIdPrefix);
        run("kill-node", nodeIdPrefix);
    }

    /** Adds a worker node like the first ones; returns its raylet port. */
    int addWorker() throws IOException, InterruptedException {
        return Integer.parseInt(run("add-worker", "--memory", memory));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("stop");
    }

    private static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("rgrid-bench-ray", ".err");
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
            return new String(out, StandardCharsets.UTF_8).trim();
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
