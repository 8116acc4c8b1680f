package dev.rgrid.engine;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.runtime.RuntimeCatalogue;
import dev.rgrid.core.runtime.RuntimeEntry;
import dev.rgrid.sdk.RuntimeInfo;
import dev.rgrid.worker.exec.Executor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The catalogue as `rgrid runtimes` shows it: each runtime, what would run it here, and how to get it. */
final class RuntimeReport {
    private final RuntimeCatalogue catalogue;
    private final Executor executor;

    RuntimeReport(RuntimeCatalogue catalogue, Executor executor) {
        this.catalogue = catalogue;
        this.executor = executor;
    }

    List<RuntimeInfo> runtimes() {
        List<RuntimeInfo> result = new ArrayList<>();
        for (RuntimeEntry entry : catalogue.entries()) {
            boolean isDefault = entry.name().equals(RuntimeCatalogue.DEFAULT_RUNTIME);
            Optional<String> present;
            String hint = null;
            try {
                present = executor.findPresent(entry);
            } catch (RGridException e) {
                present = Optional.empty();
                hint = e.hint();
            }
            if (present.isEmpty() && hint == null) hint = howToGet(entry);
            result.add(new RuntimeInfo(entry.name(), present.orElse(entry.images().get(0)), present.isPresent(),
                    isDefault, entry.description(), present.isPresent() ? null : hint));
        }
        return result;
    }

    private static String howToGet(RuntimeEntry entry) {
        return entry.localImage() != null
                ? "Build it with infra/images/build.sh " + entry.name() + ", or pull " + entry.registryImage()
                + " where a registry is reachable"
                : "Pull " + entry.registryImage() + " where a registry is reachable";
    }
}
