package dev.rgrid.core.config;

import dev.rgrid.core.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The environment and the config file, read once at the edge. Looks a setting up in that order
 * (environment before file); flags are applied on top by the caller.
 */
public final class ConfigSources {
    private final Map<String, String> env;
    private final Properties file;
    private final Path filePath;

    public ConfigSources(Map<String, String> env, Properties file, Path filePath) {
        this.env = Map.copyOf(env);
        this.file = file;
        this.filePath = filePath;
    }

    /** The process environment and {@code $RGRID_HOME/config}. */
    public static ConfigSources load() {
        return load(System.getenv());
    }

    public static ConfigSources load(Map<String, String> env) {
        Path home = RGridHome.resolve(env);
        Path path = home.resolve(RGridHome.CONFIG_FILE);
        return new ConfigSources(env, readFile(path), path);
    }

    public static ConfigSources of(Map<String, String> env, Map<String, String> fileEntries) {
        Properties properties = new Properties();
        properties.putAll(fileEntries);
        return new ConfigSources(env, properties, Path.of("config"));
    }

    public Map<String, String> env() { return env; }

    public Path home() { return RGridHome.resolve(env); }

    public Path filePath() { return filePath; }

    public Optional<ConfigValue> lookup(Setting setting) {
        for (String name : setting.envNames()) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(new ConfigValue(value.trim(), name + " in the environment"));
            }
        }
        String value = file.getProperty(setting.fileKey());
        if (value != null && !value.isBlank()) {
            return Optional.of(new ConfigValue(value.trim(), setting.fileKey() + " in " + filePath));
        }
        return Optional.empty();
    }

    private static Properties readFile(Path path) {
        Properties properties = new Properties();
        if (!Files.isRegularFile(path)) return properties;
        try (Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
            return properties;
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException("invalid_config_file", "The config file cannot be read", path.toString(),
                    "Fix or remove it; it holds lines like `memory = 1g` (" + e.getMessage() + ")");
        }
    }
}
