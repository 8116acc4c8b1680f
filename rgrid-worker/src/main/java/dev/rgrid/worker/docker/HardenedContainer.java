package dev.rgrid.worker.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Volume;
import dev.rgrid.worker.exec.ReadOnlyMount;
import dev.rgrid.worker.exec.RunRequest;
import dev.rgrid.worker.exec.RunShape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one place that decides what a script's container may do. The script is untrusted: it runs as
 * nobody, without capabilities or privilege escalation, on a read-only root with only /work and /tmp
 * writable (what else it is given, such as installed dependencies, it sees read-only), without network unless
 * asked, and inside the memory, CPU and process limits it was given.
 */
final class HardenedContainer {
    static final String LABEL_MANAGED = "rgrid.managed";
    static final String LABEL_EXECUTION = "rgrid.execution";
    /** The version of the lease the run held; an orphan's no longer matches its execution's. */
    static final String LABEL_LEASE = "rgrid.lease";
    static final String USER = "65534:65534";
    static final String TMP_OPTIONS = "rw,nosuid,nodev,size=64m";
    /** Output is read through attach; the engine's own copy is bounded so a chatty script cannot fill its disk. */
    static final Map<String, String> LOG_OPTIONS = Map.of("max-size", "8m", "max-file", "1");
    /** Ours, set for every script: it must see where home is and stay unbuffered. */
    private static final Map<String, String> FIXED_ENV = Map.of("PYTHONUNBUFFERED", "1", "HOME", "/tmp");
    /** {@code sh -s} reads its commands from stdin: a warm container's run arrives there. */
    private static final List<String> WARM_SHELL = List.of("/bin/sh", "-s");
    private static final Pattern SHELL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private HardenedContainer() {}

    static CreateContainerCmd configure(CreateContainerCmd create, RunRequest request) {
        return create
                .withName(name(request.executionId()))
                .withCmd(request.command())
                .withWorkingDir(RunRequest.CONTAINER_WORKDIR)
                .withUser(USER)
                .withEnv(environment(request))
                .withLabels(Map.of(LABEL_MANAGED, "true", LABEL_EXECUTION, request.executionId(),
                        LABEL_LEASE, String.valueOf(request.leaseVersion())))
                .withAttachStdin(false).withAttachStdout(true).withAttachStderr(true)
                .withTty(false).withStdinOpen(false)
                .withHostConfig(hostConfig(request.workDir(), request.mounts(),
                        RunShape.of(request.target(), request.limits(), request.network())));
    }

    /**
     * A container for a run of {@code shape} not known yet, seeing {@code workDir} (see {@link WarmPool}): the same
     * user, limits and hardening; a shell that reads the run's {@link #launch} on stdin in place of its command.
     */
    static CreateContainerCmd configureWarm(CreateContainerCmd create, RunShape shape, Path workDir, String poolId) {
        return create
                .withName("rgrid-warm-" + UUID.randomUUID().toString().substring(0, 13))
                .withCmd(WARM_SHELL)
                .withWorkingDir(RunRequest.CONTAINER_WORKDIR)
                .withUser(USER)
                .withEnv(FIXED_ENV.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withLabels(warmLabels(poolId))
                .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true)
                .withTty(false).withStdinOpen(true).withStdInOnce(false)
                .withHostConfig(hostConfig(workDir, List.of(), shape));
    }

    private static Map<String, String> warmLabels(String poolId) {
        Map<String, String> labels = new LinkedHashMap<>(Map.of(LABEL_MANAGED, "true", WarmPool.LABEL_WARM, poolId));
        Owner.self().ifPresent(owner -> labels.put(Owner.LABEL, owner.label()));
        return labels;
    }

    /**
     * What a {@link #configureWarm warm} container's shell reads: the run's environment, then its command in the
     * shell's place (PID 1) with stdin closed, as a container made for the run starts it. Every value is single-quoted,
     * so nothing in it is the shell's; null when a value cannot be passed so (a NUL byte, or a name that is no
     * shell variable's), and then the run gets a container of its own.
     */
    static String launch(RunRequest request) {
        StringBuilder script = new StringBuilder();
        for (String variable : environment(request)) {
            int eq = variable.indexOf('=');
            String name = variable.substring(0, eq);
            if (!SHELL_NAME.matcher(name).matches() || variable.indexOf('\0') >= 0) return null;
            script.append("export ").append(name).append('=').append(quoted(variable.substring(eq + 1))).append('\n');
        }
        script.append("exec");
        for (String word : request.command()) {
            if (word.indexOf('\0') >= 0) return null;
            script.append(' ').append(quoted(word));
        }
        return script.append(" </dev/null\n").toString();
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    static HostConfig hostConfig(Path workDir, List<ReadOnlyMount> mounts, RunShape shape) {
        long memoryBytes = shape.memoryMb() * 1024L * 1024L;
        List<Bind> binds = new ArrayList<>();
        binds.add(new Bind(workDir.toAbsolutePath().toString(), new Volume(RunRequest.CONTAINER_WORKDIR), AccessMode.rw));
        for (ReadOnlyMount mount : mounts) {
            binds.add(new Bind(mount.source().toAbsolutePath().toString(), new Volume(mount.target()), AccessMode.ro));
        }
        return HostConfig.newHostConfig()
                .withBinds(binds)
                .withMemory(memoryBytes)
                .withMemorySwap(memoryBytes)
                .withNanoCPUs(Math.round(shape.cpus() * 1_000_000_000d))
                .withPidsLimit((long) shape.pidsLimit())
                .withNetworkMode(shape.network() ? "bridge" : "none")
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of("/tmp", TMP_OPTIONS))
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE, LOG_OPTIONS));
    }

    /** The user's variables, then ours, which win: the script must see where it is and stay unbuffered. */
    static List<String> environment(RunRequest request) {
        Map<String, String> env = new LinkedHashMap<>(request.env());
        env.putAll(FIXED_ENV);
        env.put("RGRID_EXECUTION_ID", request.executionId());
        List<String> list = new ArrayList<>(env.size());
        env.forEach((key, value) -> list.add(key + "=" + value));
        return list;
    }

    /** Readable in `docker ps`, unique even when a retry of the same execution meets a leftover. */
    static String name(String executionId) {
        String safe = executionId.replaceAll("[^a-zA-Z0-9_.-]", "-");
        if (safe.length() > 40) safe = safe.substring(0, 40);
        return "rgrid-" + safe + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
