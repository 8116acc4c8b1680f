package dev.rgrid.worker.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Volume;
import dev.rgrid.core.model.Limits;
import dev.rgrid.worker.exec.ReadOnlyMount;
import dev.rgrid.worker.exec.RunRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
                .withHostConfig(hostConfig(request));
    }

    static HostConfig hostConfig(RunRequest request) {
        Limits limits = request.limits();
        long memoryBytes = limits.memoryMb() * 1024L * 1024L;
        List<Bind> binds = new ArrayList<>();
        binds.add(new Bind(request.workDir().toAbsolutePath().toString(),
                new Volume(RunRequest.CONTAINER_WORKDIR), AccessMode.rw));
        for (ReadOnlyMount mount : request.mounts()) {
            binds.add(new Bind(mount.source().toAbsolutePath().toString(), new Volume(mount.target()), AccessMode.ro));
        }
        return HostConfig.newHostConfig()
                .withBinds(binds)
                .withMemory(memoryBytes)
                .withMemorySwap(memoryBytes)
                .withNanoCPUs(Math.round(limits.cpus() * 1_000_000_000d))
                .withPidsLimit((long) limits.pidsLimit())
                .withNetworkMode(request.network() ? "bridge" : "none")
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of("/tmp", TMP_OPTIONS))
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE, LOG_OPTIONS));
    }

    /** The user's variables, then ours, which win: the script must see where it is and stay unbuffered. */
    static List<String> environment(RunRequest request) {
        Map<String, String> env = new LinkedHashMap<>(request.env());
        env.put("PYTHONUNBUFFERED", "1");
        env.put("HOME", "/tmp");
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
