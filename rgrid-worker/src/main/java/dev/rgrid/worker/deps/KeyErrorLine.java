package dev.rgrid.worker.deps;

import java.util.List;
import java.util.regex.Pattern;

/** Picks the line of an installer's output that says why it failed. */
final class KeyErrorLine {
    private static final Pattern NPM_PREFIX = Pattern.compile("^npm (?:ERR!|error)\\s*");
    private static final Pattern NPM_NOISE = Pattern.compile("^(?:code|errno|syscall)\\b.*|^A complete log.*|^Log files.*|^\\s*$");

    private KeyErrorLine() {}

    static String of(DependencyKind kind, List<String> lines, int exitCode) {
        if (kind == DependencyKind.PIP) {
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i).strip();
                if (line.startsWith("ERROR: ")) return line.substring("ERROR: ".length());
            }
        } else {
            for (String raw : lines) {
                var prefix = NPM_PREFIX.matcher(raw);
                if (!prefix.find()) continue;
                String line = raw.substring(prefix.end()).strip();
                if (!NPM_NOISE.matcher(line).matches()) return line;
            }
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) return lines.get(i).strip();
        }
        return (kind == DependencyKind.PIP ? "pip" : "npm") + " exited with code " + exitCode;
    }
}
