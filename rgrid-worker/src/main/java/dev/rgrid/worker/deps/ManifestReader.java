package dev.rgrid.worker.deps;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.RGridException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads a manifest from the run's working directory, refusing what cannot be installed or keyed. */
final class ManifestReader {
    static final long MAX_MANIFEST_BYTES = 1024 * 1024;
    /** A PEP 508 name with optional extras, then nothing, a version, a URL ({@code @}), a marker or an option. */
    private static final Pattern REQUIREMENT = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?\\s*(?:\\[\\s*[A-Za-z0-9._-]+(?:\\s*,\\s*[A-Za-z0-9._-]+)*\\s*])?"
                    + "\\s*(?:(?:===|==|>=|<=|!=|~=|>|<|@|;|\\(|--hash).*)?");
    private static final Pattern URL = Pattern.compile("(?:https?|git\\+https?)://\\S+");
    /** Options that do not bring in other files, so the manifest alone still says what is installed. */
    private static final Pattern OPTION = Pattern.compile(
            "(?:--index-url|-i|--extra-index-url|--trusted-host|--only-binary|--no-binary)(?:[ =]\\S+)?|--pre|--prefer-binary");
    private static final Pattern COMMENT = Pattern.compile("(?:^|\\s+)#.*$");

    private ManifestReader() {}

    static Manifest read(Path workDir, String path, DependencyKind kind) {
        Path file = workDir.resolve(path).normalize();
        byte[] content = readFile(workDir, file, path);
        if (kind == DependencyKind.PIP) {
            return new Manifest(kind, path, Map.of(Manifest.REQUIREMENTS, normalisePip(path, content)));
        }
        Path lock = file.resolveSibling(DependencyKind.PACKAGE_LOCK);
        if (Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS)) {
            return new Manifest(kind, path, Map.of(DependencyKind.PACKAGE_JSON, content,
                    DependencyKind.PACKAGE_LOCK, readFile(workDir, lock, path)));
        }
        return new Manifest(kind, path, Map.of(DependencyKind.PACKAGE_JSON, content));
    }

    /** Trimmed lines without comments or blanks, continuations joined, sorted; each one checked. */
    static byte[] normalisePip(String path, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\\\n", "");
        List<String> lines = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = COMMENT.matcher(raw[i]).replaceFirst("").trim();
            if (line.isEmpty()) continue;
            check(path, i + 1, line);
            lines.add(line);
        }
        lines.sort(null);
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(line).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void check(String path, int number, String line) {
        if (line.startsWith("-r") || line.startsWith("--requirement") || line.startsWith("-c")
                || line.startsWith("--constraint") || line.startsWith("-e") || line.startsWith("--editable")
                || line.startsWith(".") || line.startsWith("/") || line.startsWith("file:")) {
            throw new InvalidInputException("unsupported_requirement", "Line " + number + " of " + path
                    + " refers to other files, which RGrid does not install", line,
                    "List the packages themselves, one per line, like numpy==1.26.4");
        }
        if (OPTION.matcher(line).matches() || URL.matcher(line).matches() || REQUIREMENT.matcher(line).matches()) return;
        throw new InvalidInputException("invalid_requirement", "Line " + number + " of " + path
                + " is not a requirement pip understands", line,
                "Write one package per line, like numpy==1.26.4, requests>=2.31 or pandas[excel]");
    }

    private static byte[] readFile(Path workDir, Path file, String path) {
        if (!file.startsWith(workDir) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("requirements_not_found", "The dependency manifest is not among the run's files",
                    path, "Send it with the run: rgrid run script.py --requirements " + path);
        }
        try {
            if (Files.size(file) > MAX_MANIFEST_BYTES) {
                throw new InvalidInputException("requirements_too_large", "The dependency manifest is larger than 1 MB",
                        path, "List only the packages the script needs");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RGridException("requirements_unreadable", "The dependency manifest cannot be read", path,
                    "Check the worker's scratch directory", e);
        }
    }
}
