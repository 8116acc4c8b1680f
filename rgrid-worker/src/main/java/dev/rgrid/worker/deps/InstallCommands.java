package dev.rgrid.worker.deps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pip and npm command lines, for an install directory as the installer's process sees it. */
public final class InstallCommands {
    private InstallCommands() {}

    /** Run with {@code dir} as the working directory. */
    public static List<String> command(InstallJob job, String dir) {
        DependencySettings settings = job.settings();
        List<String> command = new ArrayList<>();
        if (job.manifest().kind() == DependencyKind.PIP) {
            command.addAll(List.of("python3", "-m", "pip", "install", "--no-input", "--disable-pip-version-check",
                    "--no-cache-dir", "--progress-bar", "off", "--no-warn-script-location",
                    "--target", dir + "/" + DependencyKind.PIP.resultDir()));
            if (settings.pipIndexUrl() != null) command.addAll(List.of("--index-url", settings.pipIndexUrl()));
            for (String url : words(settings.pipExtraIndexUrl())) command.addAll(List.of("--extra-index-url", url));
            for (String host : words(settings.pipTrustedHost())) command.addAll(List.of("--trusted-host", host));
            command.addAll(List.of("-r", dir + "/" + Manifest.REQUIREMENTS));
        } else {
            command.addAll(List.of("npm", job.manifest().locked() ? "ci" : "install", "--no-audit", "--no-fund",
                    "--no-update-notifier"));
            if (settings.npmRegistry() != null) command.addAll(List.of("--registry", settings.npmRegistry()));
        }
        return command;
    }

    /** Scratch space inside the install directory rather than a small /tmp: wheels and tarballs can be large. */
    public static Map<String, String> environment(String dir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TMPDIR", dir + "/" + SCRATCH);
        env.put("npm_config_cache", dir + "/" + SCRATCH + "/npm-cache");
        return env;
    }

    /** Made before and deleted after the install; not part of the cached entry. */
    public static final String SCRATCH = ".scratch";

    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }
}
