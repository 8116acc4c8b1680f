package dev.rgrid.core.runtime;

import dev.rgrid.core.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Short runtime names mapped to images. A name with ':', '/' or '@' is taken as an explicit image;
 * any other name must be in the catalogue, or the run is refused before anything is uploaded.
 */
public final class RuntimeCatalogue {
    public static final String DEFAULT_RUNTIME = "python3.11";

    private final Map<String, RuntimeEntry> entries;
    private final List<String> order;

    public RuntimeCatalogue(List<RuntimeEntry> entries) {
        Map<String, RuntimeEntry> byName = new LinkedHashMap<>();
        for (RuntimeEntry entry : entries) byName.put(entry.name(), entry);
        this.entries = Map.copyOf(byName);
        this.order = List.copyOf(byName.keySet());
    }

    /** The catalogue every RGrid ships with. */
    public static RuntimeCatalogue standard() {
        return new RuntimeCatalogue(List.of(
                new RuntimeEntry("python3.11", "rgrid/python3.11:latest", "python:3.11-slim", "python3",
                        "Python 3.11 (Debian bookworm); the default"),
                new RuntimeEntry("python3.12", "rgrid/python3.12:latest", "python:3.12-slim", "python3",
                        "Python 3.12 (registry image only)"),
                new RuntimeEntry("python3.13", "rgrid/python3.13:latest", "python:3.13-slim", "python3",
                        "Python 3.13 (Debian trixie)"),
                new RuntimeEntry("node20", "rgrid/node20:latest", "node:20-slim", "node",
                        "Node.js 20 (Debian trixie)")));
    }

    public List<RuntimeEntry> entries() {
        List<RuntimeEntry> list = new ArrayList<>();
        for (String name : order) list.add(entries.get(name));
        return list;
    }

    public List<String> names() { return order; }

    /** The entry for a runtime name or explicit image; refuses an unknown name, listing the known ones. */
    public RuntimeEntry resolve(String runtime) {
        String name = runtime == null || runtime.isBlank() ? DEFAULT_RUNTIME : runtime.trim();
        RuntimeEntry entry = entries.get(name.toLowerCase(Locale.ROOT));
        if (entry != null) return entry;
        if (isImageReference(name)) {
            return new RuntimeEntry(name, null, name, null, "explicit image");
        }
        throw new InvalidInputException("unknown_runtime", "Unknown runtime", name,
                "Use one of " + String.join(", ", order) + ", or an image name such as python:3.12-slim");
    }

    /** The command that runs {@code scriptName} in this runtime, or a clear refusal when none fits. */
    public List<String> command(RuntimeEntry entry, String scriptName, List<String> args) {
        String interpreter = entry.interpreter() != null ? entry.interpreter() : interpreterFor(scriptName);
        if (interpreter == null) {
            throw new InvalidInputException("unknown_interpreter", "Cannot tell which program runs this script",
                    scriptName, "Name the script .py, .js or .sh, or use a named runtime (" + String.join(", ", order) + ")");
        }
        List<String> command = new ArrayList<>();
        command.add(interpreter);
        command.add(scriptName);
        command.addAll(args);
        return command;
    }

    static boolean isImageReference(String name) {
        return name.contains(":") || name.contains("/") || name.contains("@");
    }

    private static String interpreterFor(String scriptName) {
        String lower = scriptName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".py")) return "python3";
        if (lower.endsWith(".js") || lower.endsWith(".mjs") || lower.endsWith(".cjs")) return "node";
        if (lower.endsWith(".sh")) return "sh";
        return null;
    }
}
