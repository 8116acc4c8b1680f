package dev.rgrid.worker.node;

import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.RGridHome;
import dev.rgrid.core.config.Setting;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The settings a cluster node's worker runs with, sent by the control plane with each task: where the
 * records are (the database), where files are (the artifact store), the limits on files, the heartbeat. A
 * node's own environment still decides what belongs to the node ({@link #NODE_LEVEL}: its Docker engine,
 * its dependency cache and package indexes, its home), as in a real deployment each node has its own.
 */
public final class ClusterSettings {
    /** Settings a node's own environment overrides. */
    public static final Set<Setting> NODE_LEVEL = EnumSet.of(Setting.DOCKER_HOST, Setting.DEPS_CACHE_MAX_BYTES,
            Setting.PIP_INDEX_URL, Setting.PIP_EXTRA_INDEX_URL, Setting.PIP_TRUSTED_HOST, Setting.NPM_REGISTRY,
            Setting.NODE_HOME);
    /** Settings that have nothing to do on a node (the server's own, the CLI's, the autoscaler's). */
    private static final Set<Setting> CONTROL_PLANE_ONLY = EnumSet.of(Setting.SERVER_HOST, Setting.SERVER_PORT,
            Setting.MAX_REQUEST_BYTES, Setting.DISPATCH, Setting.API_URL, Setting.API_KEY, Setting.RAY_ADDRESS,
            Setting.RAY_CODE_SEARCH_PATH, Setting.NODE_PROVIDER, Setting.CLUSTER_ID, Setting.MIN_NODES,
            Setting.MAX_NODES, Setting.MAX_LAUNCHING, Setting.LAUNCH_COOLDOWN, Setting.RETIRE_MARGIN,
            Setting.JOIN_DEADLINE, Setting.AUTOSCALE_INTERVAL, Setting.RAY_HEAD_ADDRESS, Setting.NODE_BUILD_URL,
            // The provider's token above all: a node, whose user data any process on it may read, never holds it.
            Setting.HETZNER_TOKEN, Setting.HETZNER_API_URL, Setting.HETZNER_SERVER_TYPES, Setting.HETZNER_LOCATION,
            Setting.HETZNER_IMAGE, Setting.HETZNER_NETWORK, Setting.HETZNER_SSH_KEYS, Setting.HETZNER_FIREWALLS,
            Setting.LOCAL_NODE_CPUS, Setting.LOCAL_NODE_MEMORY, Setting.LOCAL_NODE_SLOTS, Setting.LOCAL_NODE_PRICE,
            Setting.NODE_DATABASE_URL);

    private ClusterSettings() {}

    /**
     * What the control plane sends: every setting it has a value for (from its environment or config file),
     * by its first environment name, and its home (where a local artifact directory lies).
     */
    public static Map<String, String> of(ConfigSources sources) {
        Map<String, String> settings = new TreeMap<>();
        for (Setting setting : Setting.values()) {
            if (CONTROL_PLANE_ONLY.contains(setting)) continue;
            sources.lookup(setting).map(ConfigValue::value).ifPresent(v -> settings.put(setting.envNames().get(0), v));
        }
        settings.put(RGridHome.ENV, sources.home().toString());
        // A node gets a role of its own where one is set, not the control plane's (which may own the schema).
        sources.lookup(Setting.NODE_DATABASE_URL).map(ConfigValue::value)
                .ifPresent(v -> settings.put(Setting.DATABASE_URL.envNames().get(0), v));
        return settings;
    }

    /** The sent settings with this node's own values on top for {@link #NODE_LEVEL} settings. */
    static Map<String, String> onNode(Map<String, String> sent, Map<String, String> nodeEnv) {
        Map<String, String> merged = new TreeMap<>(sent);
        for (Setting setting : NODE_LEVEL) {
            for (String name : setting.envNames()) {
                String value = nodeEnv.get(name);
                if (value != null && !value.isBlank()) {
                    merged.put(setting.envNames().get(0), value);
                    break;
                }
            }
        }
        return merged;
    }
}
