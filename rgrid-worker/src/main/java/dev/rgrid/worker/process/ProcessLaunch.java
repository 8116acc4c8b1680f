package dev.rgrid.worker.process;

import dev.rgrid.worker.exec.RunRequest;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the process for a run: the resolved interpreter in place of the command's first word, a
 * minimal environment (nothing of the worker's own secrets leaks in), and the limits a shell can set
 * cheaply. Python gets an address-space cap; Node.js does not, as V8 reserves far more address space
 * than it uses and cannot start under a small one.
 */
final class ProcessLaunch {
    static final String SHELL = "/bin/sh";

    private final Map<String, String> hostEnv;

    ProcessLaunch(Map<String, String> hostEnv) {
        this.hostEnv = Map.copyOf(hostEnv);
    }

    ProcessBuilder builder(RunRequest request) {
        ProcessBuilder builder = new ProcessBuilder(command(request))
                .directory(request.workDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))); // as in a container: no input
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", hostEnv.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("LANG", hostEnv.getOrDefault("LANG", "C.UTF-8"));
        env.put("HOME", request.workDir().toAbsolutePath().toString());
        env.putAll(request.env());
        env.put("PYTHONUNBUFFERED", "1");
        env.put("RGRID_EXECUTION_ID", request.executionId());
        return builder;
    }

    List<String> command(RunRequest request) {
        List<String> command = new ArrayList<>();
        command.add(SHELL);
        command.add("-c");
        command.add(limitsScript(request));
        command.add("sh");
        command.add(request.target());
        command.addAll(request.command().subList(Math.min(1, request.command().size()), request.command().size()));
        return command;
    }

    /** {@code exec} keeps the script's process the shell's own, so the exit code and kill reach it directly. */
    static String limitsScript(RunRequest request) {
        StringBuilder script = new StringBuilder("ulimit -c 0; ");
        if (isPython(request.target())) {
            script.append("ulimit -v ").append(request.limits().memoryMb() * 1024).append("; ");
        }
        return script.append("exec \"$@\"").toString();
    }

    static boolean isPython(String target) {
        Path name = Path.of(target).getFileName();
        return name != null && name.toString().startsWith("python");
    }
}
