package dev.rgrid.server.config;

import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.Setting;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the server's own settings from the environment and the config file, refusing malformed values. */
final class SettingReader {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)i?b?");

    private final ConfigSources sources;

    SettingReader(ConfigSources sources) {
        this.sources = sources;
    }

    Optional<ConfigValue> raw(Setting setting) {
        return sources.lookup(setting);
    }

    Optional<String> text(Setting setting) {
        return raw(setting).map(ConfigValue::value);
    }

    Optional<Integer> port(Setting setting) {
        return raw(setting).map(raw -> {
            try {
                int port = Integer.parseInt(raw.value());
                if (port >= 0 && port <= 65_535) return port;
            } catch (NumberFormatException e) {
                // refused below
            }
            throw SettingException.malformed(setting, raw, "a port number from 0 to 65535 (0 = any free port)");
        });
    }

    /** A size in bytes: 16777216, 512k, 16m, 1g. */
    Optional<Long> bytes(Setting setting) {
        return raw(setting).map(raw -> {
            Matcher m = SIZE.matcher(raw.value().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                try {
                    long n = Long.parseLong(m.group(1));
                    long bytes = switch (m.group(2)) {
                        case "k" -> Math.multiplyExact(n, 1024L);
                        case "m" -> Math.multiplyExact(n, 1024L * 1024);
                        case "g" -> Math.multiplyExact(n, 1024L * 1024 * 1024);
                        default -> n;
                    };
                    if (bytes >= 1024) return bytes;
                } catch (ArithmeticException | NumberFormatException e) {
                    // refused below
                }
            }
            throw SettingException.malformed(setting, raw, "a size of at least 1k, in bytes or with k, m or g");
        });
    }

    Optional<Boolean> onOff(Setting setting) {
        return raw(setting).map(raw -> switch (raw.value().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0" -> false;
            default -> throw SettingException.malformed(setting, raw, "on or off");
        });
    }
}
