package dev.rgrid.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The baseline the run benchmarks compare against: a raw {@code docker run} of the runtime's image with the
 * limits and hardening RGrid applies by default (1 CPU, 512 MB, no network, nobody, read-only root).
 */
final class RawDocker {
    private RawDocker() {}

    /** {@code docker run} of {@code python3 script} in {@code dir}, mounted as the working directory. */
    static List<String> command(String image, Path dir, String script) {
        return List.of("docker", "run", "--rm", "--network", "none", "--user", "65534:65534",
                "--memory", "512m", "--memory-swap", "512m", "--cpus", "1", "--pids-limit", "256", "--read-only",
                "--tmpfs", "/tmp", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                "-v", dir + ":/work", "-w", "/work", image, "python3", script);
    }

    /** Runs it to the end; milliseconds taken. Throws when it fails. */
    static double time(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        int code = p.waitFor();
        double ms = (System.nanoTime() - start) / 1e6;
        if (code != 0) throw new IllegalStateException("docker run failed (" + code + "): " + new String(out));
        return ms;
    }
}
