package dev.rgrid.engine;

import dev.rgrid.sdk.RGrid;
import dev.rgrid.core.config.ConfigSources;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Embedded engines for tests: a home of their own, extra settings, and the database stopped on close. */
public final class TestEngines {
    private TestEngines() {}

    public static RGrid open(Path home, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("RGRID_HOME", home.toString());
        return LocalRGrid.open(LocalOptions.builder(ConfigSources.of(all, Map.of())).stopDatabaseOnClose(true).build());
    }
}
