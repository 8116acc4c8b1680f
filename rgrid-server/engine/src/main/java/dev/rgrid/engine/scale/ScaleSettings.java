package dev.rgrid.engine.scale;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.Quantities;
import dev.rgrid.core.config.Setting;
import java.time.Duration;

/** The autoscaler's limits and timings, read from the settings (every one is in the README's settings table). */
public record ScaleSettings(String clusterId, int minNodes, int maxNodes, int maxLaunching, Duration cooldown,
                            Duration retireMargin, Duration joinDeadline, Duration interval) {
    public static final String DEFAULT_CLUSTER_ID = "rgrid";

    public static ScaleSettings from(ConfigSources sources) {
        String cluster = sources.lookup(Setting.CLUSTER_ID).map(ConfigValue::value).orElse(DEFAULT_CLUSTER_ID);
        if (!cluster.matches("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?")) {
            throw new InvalidInputException("invalid_setting", "The cluster id is not valid", cluster,
                    "Give RGRID_CLUSTER_ID as 1 to 32 lowercase letters, digits and inner dashes: it names servers and labels them");
        }
        ScaleSettings s = new ScaleSettings(cluster, integer(sources, Setting.MIN_NODES, 0),
                integer(sources, Setting.MAX_NODES, 10), integer(sources, Setting.MAX_LAUNCHING, 4),
                duration(sources, Setting.LAUNCH_COOLDOWN, Duration.ofSeconds(10)),
                duration(sources, Setting.RETIRE_MARGIN, Duration.ofMinutes(5)),
                duration(sources, Setting.JOIN_DEADLINE, Duration.ofMinutes(10)),
                duration(sources, Setting.AUTOSCALE_INTERVAL, Duration.ofSeconds(1)));
        if (s.minNodes < 0 || s.maxNodes < 1 || s.minNodes > s.maxNodes || s.maxLaunching < 1) {
            throw new InvalidInputException("invalid_setting", "The node limits do not fit together",
                    "min " + s.minNodes + ", max " + s.maxNodes + ", launching " + s.maxLaunching,
                    "Give 0 <= RGRID_MIN_NODES <= RGRID_MAX_NODES, RGRID_MAX_NODES >= 1 and RGRID_MAX_LAUNCHING >= 1");
        }
        if (s.interval.isZero() || s.retireMargin.compareTo(Duration.ofMinutes(60)) > 0) {
            throw new InvalidInputException("invalid_setting", "The autoscaler's timings are not valid",
                    "interval " + s.interval + ", retire margin " + s.retireMargin,
                    "Give RGRID_AUTOSCALE_INTERVAL above 0 and RGRID_RETIRE_MARGIN up to an hour (default 5m; 60m retires "
                            + "a node as soon as it is idle, as suits nodes billed by the second or not at all)");
        }
        return s;
    }

    private static int integer(ConfigSources sources, Setting setting, int fallback) {
        return sources.lookup(setting).map(v -> Quantities.integer(setting.fileKey(), v)).orElse(fallback);
    }

    private static Duration duration(ConfigSources sources, Setting setting, Duration fallback) {
        return sources.lookup(setting).map(v -> Quantities.duration(setting.fileKey(), v)).orElse(fallback);
    }
}
