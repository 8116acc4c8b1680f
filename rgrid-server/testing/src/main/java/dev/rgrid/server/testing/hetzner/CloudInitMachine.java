package dev.rgrid.server.testing.hetzner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rgrid.worker.ray.RayNodeProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an emulated Hetzner server does when it boots: its user data's worker steps, run on this machine, so a server
 * becomes a real Ray worker node and the project's cloud-init is exercised. The package installs, Docker's enabling and
 * the build's download are this machine's already (infra/setup.sh made them); what remains is the node's part:
 * {@code write_files} are written under the server's own root (node.env among them, with the values the autoscaler
 * rendered), the {@code runcmd} must enable {@code rgrid-ray-worker}, and that unit's {@code ExecStart} program (from
 * {@code infra/deploy/rgrid-ray-worker.service}, found in this source tree) is run on the node's settings file, as
 * systemd would, on the server's address.
 */
public final class CloudInitMachine {
    private static final Pattern EXEC_START = Pattern.compile("(?m)^ExecStart=(\\S+)");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path infra;
    private final Path roots;
    private final String rayBin;

    /** Machines whose files go under {@code roots}, booted with this source tree's {@code infra} and Ray's command. */
    public CloudInitMachine(Path infra, Path roots, String rayBin) {
        this.infra = infra;
        this.roots = roots;
        this.rayBin = rayBin;
    }

    /** Boots server {@code id} from its user data, its Ray node on {@code address} and {@code nodeManagerPort}. */
    public void boot(long id, String userData, String address, int nodeManagerPort) {
        if (!userData.startsWith("#cloud-config")) throw new IllegalArgumentException("user data is not a cloud-config");
        Path root = roots.resolve("server-" + id);
        try {
            JsonNode config = YAML.readTree(userData);
            Path nodeEnv = null;
            for (JsonNode file : config.path("write_files")) {
                String path = file.path("path").asText();
                Path target = root.resolve(path.startsWith("/") ? path.substring(1) : path);
                Files.createDirectories(target.getParent());
                String content = file.path("content").asText();
                // The machine's own file system is its root here: paths the node's settings name go under it too.
                if (path.equals("/etc/rgrid/node.env")) content = content.replaceAll("(?m)^([A-Z_]+)=/", "$1=" + root + "/");
                Files.writeString(target, content);
                if (path.equals("/etc/rgrid/node.env")) nodeEnv = target;
            }
            if (nodeEnv == null) throw new IllegalArgumentException("user data writes no /etc/rgrid/node.env");
            List<String> runcmd = new ArrayList<>();
            config.path("runcmd").forEach(c -> runcmd.add(c.asText()));
            if (runcmd.stream().noneMatch(c -> c.contains("enable --now rgrid-ray-worker"))) {
                throw new IllegalArgumentException("user data never starts rgrid-ray-worker: " + runcmd);
            }
            Path program = startProgram();
            ProcessBuilder start = new ProcessBuilder(program.toString()).redirectErrorStream(true)
                    .redirectOutput(root.resolve("boot.log").toFile());
            start.environment().putAll(Map.of("RGRID_NODE_ENV", nodeEnv.toString(), "RGRID_RAY_BIN", rayBin,
                    "RGRID_NODE_IP", address, "RGRID_NODE_MANAGER_PORT", String.valueOf(nodeManagerPort)));
            Process process = start.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("server " + id + ": its worker did not start in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("server " + id + ": its worker failed to start: "
                        + Files.readString(root.resolve("boot.log")).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted booting server " + id, e);
        }
    }

    /** Stops the machine: its Ray node and everything under it, at once. */
    public void stop(int nodeManagerPort) {
        RayNodeProcesses.kill(nodeManagerPort);
    }

    /** The program systemd's rgrid-ray-worker unit starts, as it lies in this source tree's infra/deploy. */
    private Path startProgram() throws IOException {
        String unit = Files.readString(infra.resolve("deploy/rgrid-ray-worker.service"));
        Matcher m = EXEC_START.matcher(unit);
        if (!m.find()) throw new IllegalStateException("rgrid-ray-worker.service has no ExecStart");
        Path program = infra.resolve("deploy").resolve(Path.of(m.group(1)).getFileName());
        if (!Files.isExecutable(program)) throw new IllegalStateException(program + " (the unit's ExecStart) is missing");
        return program;
    }
}
