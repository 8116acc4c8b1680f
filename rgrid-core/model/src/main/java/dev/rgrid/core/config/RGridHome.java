package dev.rgrid.core.config;

import java.nio.file.Path;
import java.util.Map;

/** The directory RGrid keeps its state in: {@code $RGRID_HOME}, else {@code ~/.rgrid}. */
public final class RGridHome {
    public static final String ENV = "RGRID_HOME";
    public static final String CONFIG_FILE = "config";

    private RGridHome() {}

    public static Path resolve(Map<String, String> env) {
        String home = env.get(ENV);
        if (home != null && !home.isBlank()) return Path.of(home).toAbsolutePath();
        return Path.of(System.getProperty("user.home"), ".rgrid");
    }
}
