package dev.rgrid.core.model;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.artifact.InputPlaces;
import dev.rgrid.core.artifact.RelativePaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to run: a script (its file name and content), its arguments, the runtime, environment,
 * limits and free-form metadata tags. Immutable; build one with {@link #builder(String, byte[])}.
 */
public record ExecutionSpec(
        String scriptName,
        byte[] script,
        List<String> args,
        String runtime,
        Map<String, String> env,
        Limits limits,
        Map<String, String> metadata,
        boolean network,
        List<InputFile> inputs,
        String requirements,
        int maxAttempts) {

    public static final String DEFAULT_RUNTIME = "python3.11";
    public static final int MAX_SCRIPT_BYTES = 10 * 1024 * 1024;
    /** Attempts when a run does not say: the first, and two retries after a lost node. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final int MAX_ATTEMPTS_LIMIT = 10;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9_.\\-/]{1,128}");

    public ExecutionSpec {
        Objects.requireNonNull(scriptName, "scriptName");
        Objects.requireNonNull(script, "script");
        // No NUL in any text: a process's arguments and environment cannot carry one, nor can PostgreSQL's text.
        requireNoNul("script name", scriptName);
        args.forEach(a -> requireText("argument", a));
        if (runtime != null) requireNoNul("runtime", runtime);
        env.values().forEach(v -> requireText("environment value", v));
        metadata.values().forEach(v -> requireText("metadata value", v));
        if (requirements != null) requireNoNul("requirements path", requirements);
        if (scriptName.isBlank() || scriptName.contains("/") || scriptName.contains("\\") || scriptName.startsWith(".")) {
            throw new InvalidInputException("invalid_script_name", "The script name must be a plain file name",
                    scriptName, "Name the script like train.py, without directories");
        }
        if (script.length > MAX_SCRIPT_BYTES) {
            throw new InvalidInputException("script_too_large", "The script is larger than "
                    + MAX_SCRIPT_BYTES / (1024 * 1024) + " MB", script.length + " bytes",
                    "Keep code in the script and pass data as input files");
        }
        args = List.copyOf(args);
        runtime = runtime == null || runtime.isBlank() ? DEFAULT_RUNTIME : runtime.trim();
        env = Map.copyOf(env);
        for (String name : env.keySet()) {
            if (!ENV_NAME.matcher(name).matches()) {
                throw new InvalidInputException("invalid_env", "An environment variable name is not valid", name,
                        "Use letters, digits and underscores, not starting with a digit: --env MY_VAR=value");
            }
        }
        limits = limits == null ? Limits.DEFAULTS : limits;
        inputs = List.copyOf(inputs);
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new InvalidInputException("invalid_retries", "Retries must be between 0 and " + (MAX_ATTEMPTS_LIMIT - 1),
                    String.valueOf(maxAttempts - 1), "Retries re-run a job whose node died: --retries 2 allows three attempts");
        }
        if (requirements != null) {
            requirements = RelativePaths.requireSafe(requirements);
        }
        InputPlaces.requireDistinct(scriptName, inputs.stream().map(InputFile::path).toList());
        metadata = Map.copyOf(metadata);
        for (String key : metadata.keySet()) {
            if (!METADATA_KEY.matcher(key).matches()) {
                throw new InvalidInputException("invalid_metadata", "A metadata key is not valid", key,
                        "Use up to 128 letters, digits, '_', '-', '.', '/': --metadata team=ml");
            }
        }
    }

    /** Text that must be there: a JSON null among arguments or values is refused like a NUL (a process cannot take it). */
    private static void requireText(String what, String value) {
        if (value == null) {
            throw new InvalidInputException("invalid_text", ("aeiou".indexOf(what.charAt(0)) >= 0 ? "An " : "A ") + what
                    + " is null", "null",
                    "Send every " + what + " as a string (an empty string \"\" for none)");
        }
        requireNoNul(what, value);
    }

    private static void requireNoNul(String what, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw new InvalidInputException("invalid_text", "The " + what + " contains a NUL character",
                    value.replace('\0', '\uFFFD'), "Remove the NUL (\\0) from it");
        }
    }

    public static Builder builder(String scriptName, byte[] script) { return new Builder(scriptName, script); }

    /** A builder that starts from defaults: runtime python3.11, default limits, no network. */
    public static final class Builder {
        private final String scriptName;
        private final byte[] script;
        private final List<String> args = new ArrayList<>();
        private String runtime = DEFAULT_RUNTIME;
        private final Map<String, String> env = new LinkedHashMap<>();
        private Limits limits = Limits.DEFAULTS;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private boolean network;
        private final List<InputFile> inputs = new ArrayList<>();
        private String requirements;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

        private Builder(String scriptName, byte[] script) {
            this.scriptName = scriptName;
            this.script = script;
        }

        public Builder args(List<String> values) { args.addAll(values); return this; }
        public Builder arg(String value) { args.add(value); return this; }
        public Builder runtime(String value) { runtime = value; return this; }
        public Builder env(String name, String value) { env.put(name, value); return this; }
        public Builder env(Map<String, String> values) { env.putAll(values); return this; }
        public Builder limits(Limits value) { limits = value; return this; }
        public Builder metadata(String key, String value) { metadata.put(key, value); return this; }
        public Builder metadata(Map<String, String> values) { metadata.putAll(values); return this; }
        public Builder network(boolean value) { network = value; return this; }
        /** A local file placed at {@code path} in the run's working directory before the script starts. */
        public Builder input(String path, java.nio.file.Path source) { inputs.add(new InputFile(path, source)); return this; }
        public Builder inputs(List<InputFile> values) { inputs.addAll(values); return this; }
        /**
         * The dependency manifest to install before the script starts, as a path in the run's working
         * directory: {@code requirements.txt} for Python runtimes, {@code package.json} for Node. It travels
         * as one of the inputs (or, remotely, as an uploaded file at that path).
         */
        public Builder requirements(String path) { requirements = path; return this; }
        /** How many attempts in all when a node dies under the run: 1 means never retried. Default 3. */
        public Builder maxAttempts(int value) { maxAttempts = value; return this; }
        /** {@code maxAttempts(retries + 1)}: retries after the first attempt is lost. */
        public Builder retries(int value) { maxAttempts = value + 1; return this; }

        public ExecutionSpec build() {
            return new ExecutionSpec(scriptName, script, args, runtime, env, limits, metadata, network, inputs, requirements, maxAttempts);
        }
    }
}
