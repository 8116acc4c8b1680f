package dev.rgrid.worker.deps;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.runtime.RuntimeEntry;
import java.nio.file.Path;

/** How a manifest is installed: pip for a requirements file, npm for a package.json. */
public enum DependencyKind {
    PIP("python3", "site", "/opt/rgrid/deps"), NPM("node", "node_modules", "/node_modules");

    public static final String PACKAGE_JSON = "package.json";
    public static final String PACKAGE_LOCK = "package-lock.json";

    private final String interpreter;
    private final String resultDir;
    private final String mountPoint;

    DependencyKind(String interpreter, String resultDir, String mountPoint) {
        this.interpreter = interpreter;
        this.resultDir = resultDir;
        this.mountPoint = mountPoint;
    }

    /** Where in the install directory the installed packages are. */
    public String resultDir() { return resultDir; }

    /**
     * Where a script's container sees them, read-only. Python finds {@code /opt/rgrid/deps} through PYTHONPATH;
     * Node looks for {@code node_modules} in every parent of the script's directory up to {@code /}, for
     * {@code require} and ESM {@code import} alike, so {@code /node_modules} serves both without a file in /work.
     */
    public String mountPoint() { return mountPoint; }

    /**
     * The kind a manifest at {@code manifestPath} needs, checked against the runtime that will run the
     * script: a package.json needs a Node runtime, anything else (requirements.txt) a Python one.
     */
    public static DependencyKind of(String manifestPath, RuntimeEntry runtime) {
        Path name = Path.of(manifestPath).getFileName();
        DependencyKind kind = name != null && PACKAGE_JSON.equals(name.toString()) ? NPM : PIP;
        String interpreter = runtime.interpreter();
        if (interpreter != null && !interpreter.equals(kind.interpreter)) {
            throw new InvalidInputException("requirements_runtime_mismatch",
                    "The runtime " + runtime.name() + " cannot install " + manifestPath, manifestPath,
                    kind == NPM ? "Use the node20 runtime for a package.json" : "Use a Python runtime such as python3.11 for "
                            + "a requirements file, or a package.json with node20");
        }
        return kind;
    }
}
