package dev.rgrid.worker.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rgrid.core.config.ConfigSources;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the control plane sends its nodes with each task, and what a node's own environment keeps. */
class ClusterSettingsTest {

    @Test
    void nodes_get_the_records_and_limits_but_never_the_providers_token_or_the_autoscalers_settings() {
        Map<String, String> sent = ClusterSettings.of(ConfigSources.of(Map.of(
                "RGRID_DATABASE_URL", "jdbc:postgresql://db:5432/rgrid?user=node",
                "RGRID_MAX_FILE_BYTES", "1g",
                "RGRID_HETZNER_TOKEN", "secret-token", "HCLOUD_TOKEN", "other-secret",
                "RGRID_MAX_NODES", "5", "RGRID_NODE_BUILD_URL", "https://x/build.tar.gz",
                "RGRID_HOME", "/srv/rgrid"), Map.of()));

        assertEquals("jdbc:postgresql://db:5432/rgrid?user=node", sent.get("RGRID_DATABASE_URL"));
        assertEquals("1g", sent.get("RGRID_MAX_FILE_BYTES"));
        assertFalse(sent.values().stream().anyMatch(v -> v.contains("secret")), sent.toString());
        assertFalse(sent.containsKey("RGRID_MAX_NODES") || sent.containsKey("RGRID_NODE_BUILD_URL"), sent.toString());
    }

    @Test
    void nodes_are_sent_their_own_database_role_where_one_is_set() {
        Map<String, String> sent = ClusterSettings.of(ConfigSources.of(Map.of(
                "RGRID_DATABASE_URL", "jdbc:postgresql://db:5432/rgrid?user=owner&password=owner-secret",
                "RGRID_NODE_DATABASE_URL", "jdbc:postgresql://db:5432/rgrid?user=rgrid_node&password=n"), Map.of()));

        assertEquals("jdbc:postgresql://db:5432/rgrid?user=rgrid_node&password=n", sent.get("RGRID_DATABASE_URL"));
        assertFalse(sent.containsKey("RGRID_NODE_DATABASE_URL"));
        assertFalse(sent.values().stream().anyMatch(v -> v.contains("owner-secret")), sent.toString());
    }

    @Test
    void a_nodes_own_docker_host_wins_over_the_control_planes() {
        Map<String, String> merged = ClusterSettings.onNode(Map.of("RGRID_DOCKER_HOST", "unix:///control.sock"),
                Map.of("DOCKER_HOST", "unix:///node.sock"));

        assertEquals("unix:///node.sock", merged.get("RGRID_DOCKER_HOST"));
    }
}
