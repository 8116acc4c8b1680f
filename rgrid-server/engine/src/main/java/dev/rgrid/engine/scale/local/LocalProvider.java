package dev.rgrid.engine.scale.local;

import dev.rgrid.engine.scale.NodeLaunch;
import dev.rgrid.engine.scale.NodeProvider;
import dev.rgrid.engine.scale.ProviderException;
import dev.rgrid.engine.scale.ProviderServer;
import dev.rgrid.engine.scale.ServerType;
import dev.rgrid.worker.ray.RayNodeProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Worker nodes as Ray nodes started on this machine, for one machine and for tests: each "server" is a real Ray
 * worker node, started by the same {@code infra/deploy/worker-start.sh} a provisioned machine runs, from a node.env
 * written here, on a loopback address of its own ({@code 127.0.3.x}, apart from {@code infra/ray/cluster.sh}'s
 * {@code 127.0.0.x}), and deleted by stopping its raylet and the processes under it, as a machine that goes away.
 * What it started is kept in {@code state}, one file a node, so a restarted control plane lists it.
 */
public final class LocalProvider implements NodeProvider {
    static final long START_TIMEOUT_SECONDS = 120;
    /** Node manager ports 8400-9199: below Ray's worker ports (10002 and up), apart from the emulated Hetzner's. */
    private static final int FIRST_PORT = 8400;

    private final ServerType type;
    private final Path state;
    private final Path startScript;
    private final String rayBin;
    private final String headAddress;
    private final Clock clock;

    public LocalProvider(ServerType type, Path state, Path startScript, String rayBin, String headAddress, Clock clock) {
        this.type = type;
        this.state = state;
        this.startScript = startScript;
        this.rayBin = rayBin;
        this.headAddress = headAddress;
        this.clock = clock;
    }

    @Override
    public String name() { return "local"; }

    @Override
    public List<ServerType> serverTypes() { return List.of(type); }

    @Override
    public synchronized ProviderServer create(NodeLaunch launch) {
        Optional<ProviderServer> existing = list().stream().filter(s -> s.name().equals(launch.name())).findFirst();
        if (existing.isPresent()) return existing.get();
        long serial = serial(launch.name());
        String address = "127.0.3." + (2 + serial % 250);
        int port = FIRST_PORT + (int) (serial % 800);
        Path dir = state.resolve(launch.name());
        try {
            Files.createDirectories(dir);
            Path env = dir.resolve("node.env");
            Files.writeString(env, String.join("\n", "RGRID_RAY_HEAD=" + headAddress, "RGRID_NODE_NAME=" + launch.name(),
                    "RGRID_NODE_CPUS=" + (long) launch.type().cpus(), "RGRID_NODE_MEMORY_MB=" + launch.type().memoryMb(),
                    "RGRID_NODE_SLOTS=" + launch.type().slots(), "RGRID_NODE_HOME=" + dir.resolve("home")) + "\n");
            ProcessBuilder start = new ProcessBuilder(startScript.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("start.log").toFile());
            start.environment().putAll(Map.of("RGRID_NODE_ENV", env.toString(), "RGRID_RAY_BIN", rayBin,
                    "RGRID_NODE_IP", address, "RGRID_NODE_MANAGER_PORT", String.valueOf(port)));
            Process process = start.start();
            if (!process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ProviderException("timeout", "ray start for " + launch.name() + " did not return in "
                        + START_TIMEOUT_SECONDS + " s", true);
            }
            if (process.exitValue() != 0) {
                throw new ProviderException("start_failed", "ray start for " + launch.name() + " failed ("
                        + process.exitValue() + "): " + Files.readString(dir.resolve("start.log")).strip(), true);
            }
            Instant created = clock.instant();
            Properties record = new Properties();
            record.setProperty("id", String.valueOf(port));
            record.setProperty("address", address);
            record.setProperty("created", created.toString());
            try (var out = Files.newBufferedWriter(dir.resolve("server.properties"), StandardCharsets.UTF_8)) {
                record.store(out, "a Ray worker node the local provider started");
            }
            return new ProviderServer(String.valueOf(port), launch.name(), "running", address, created, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted", "interrupted starting " + launch.name(), true, e);
        }
    }

    @Override
    public synchronized void delete(String serverId) {
        RayNodeProcesses.kill(Integer.parseInt(serverId));
        for (Path dir : dirs()) {
            if (serverId.equals(read(dir).getProperty("id"))) deleteTree(dir);
        }
    }

    /** The nodes it started whose raylet still runs; one whose raylet died is gone, as a machine that died. */
    @Override
    public synchronized List<ProviderServer> list() {
        List<ProviderServer> servers = new ArrayList<>();
        for (Path dir : dirs()) {
            Properties p = read(dir);
            String id = p.getProperty("id");
            if (id == null || !RayNodeProcesses.alive(Integer.parseInt(id))) continue;
            servers.add(new ProviderServer(id, dir.getFileName().toString(), "running", p.getProperty("address"),
                    Instant.parse(p.getProperty("created")), null));
        }
        return servers;
    }

    private List<Path> dirs() {
        if (!Files.isDirectory(state)) return List.of();
        try (Stream<Path> s = Files.list(state)) {
            return s.filter(d -> Files.isRegularFile(d.resolve("server.properties"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties read(Path dir) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("server.properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            // Being written or removed right now: not a node to list.
        }
        return p;
    }

    /** The number a server name ends with ({@code rgrid-test-12} → 12): the autoscaler never gives one twice. */
    static long serial(String name) {
        int dash = name.lastIndexOf('-');
        try {
            return Long.parseLong(name.substring(dash + 1));
        } catch (NumberFormatException e) {
            return Math.floorMod(name.hashCode(), 2000);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left for the next delete: the node itself is stopped.
        }
    }
}
