package dev.rgrid.worker.process;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.runtime.RuntimeEntry;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the host program that stands in for a runtime's image when there is no container engine. */
final class InterpreterLookup {
    private final String path;

    InterpreterLookup(String path) {
        this.path = path == null ? "" : path;
    }

    String resolve(RuntimeEntry runtime) {
        if (runtime.isExplicitImage()) {
            throw new InvalidInputException("container_engine_required",
                    "Running an image needs a Docker engine, and this worker has none", runtime.name(),
                    "Start a Docker engine on the worker, or use a named runtime such as python3.11");
        }
        String interpreter = runtime.interpreter();
        if (!"python3".equals(interpreter) && !"node".equals(interpreter)) {
            throw new InvalidInputException("container_engine_required",
                    "The runtime " + runtime.name() + " needs a Docker engine, and this worker has none",
                    runtime.name(), "Start a Docker engine on the worker, or use a Python or Node.js runtime");
        }
        for (String candidate : candidates(runtime)) {
            Optional<Path> found = find(candidate);
            if (found.isPresent()) return found.get().toString();
        }
        throw new InvalidInputException("interpreter_missing",
                "This worker has no Docker engine and no " + interpreter + " to run runtime " + runtime.name(),
                interpreter, "Install " + interpreter + " on the worker (on its PATH), or start a Docker engine there");
    }

    /** For python3.12 try python3.12 first, so a host that has that exact version uses it. */
    private static List<String> candidates(RuntimeEntry runtime) {
        List<String> names = new ArrayList<>(2);
        if (runtime.name().matches("python3\\.\\d+")) names.add(runtime.name());
        names.add(runtime.interpreter());
        return names;
    }

    Optional<Path> find(String program) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
