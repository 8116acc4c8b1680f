package dev.rgrid.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.engine.LocalOptions;
import dev.rgrid.server.config.ServerConfig;
import dev.rgrid.server.config.SettingException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    private static final String DB = "jdbc:postgresql://db:5432/rgrid?user=rgrid";

    private static ServerConfig load(Map<String, String> env, Map<String, String> file) {
        Map<String, String> all = new HashMap<>(env);
        all.put("RGRID_HOME", "/nonexistent/rgrid-home");
        return ServerConfig.load(ConfigSources.of(all, file));
    }

    @Test
    void defaults_apply_when_only_the_database_is_set() {
        ServerConfig config = load(Map.of("RGRID_DATABASE_URL", DB), Map.of());
        assertEquals(ServerConfig.DEFAULT_HOST, config.host());
        assertEquals(ServerConfig.DEFAULT_PORT, config.port());
        assertEquals(ServerConfig.DEFAULT_MAX_REQUEST_BYTES, config.maxRequestBytes());
        assertTrue(config.dispatch());
        assertEquals(LocalOptions.Dispatch.SUBMITTED, config.engineOptions().dispatch());
        assertEquals(DB, config.databaseUrl().orElseThrow().jdbcUrl());
    }

    @Test
    void the_environment_wins_over_the_config_file() {
        ServerConfig config = load(Map.of("RGRID_DATABASE_URL", DB, "RGRID_SERVER_PORT", "9000"),
                Map.of("server_port", "9100", "server_host", "127.0.0.1", "max_request_bytes", "2m", "dispatch", "off"));
        assertEquals(9000, config.port());
        assertEquals("127.0.0.1", config.host());
        assertEquals(2L * 1024 * 1024, config.maxRequestBytes());
        assertFalse(config.dispatch());
        assertEquals(LocalOptions.Dispatch.NONE, config.engineOptions().dispatch());
    }

    @Test
    void the_database_url_is_also_read_in_the_form_existing_deployments_use() {
        ServerConfig config = load(Map.of("DATABASE_URL", "postgresql+asyncpg://u:p@db.internal/rgrid"), Map.of());
        assertEquals("jdbc:postgresql://db.internal:5432/rgrid", config.databaseUrl().orElseThrow().jdbcUrl());
        assertEquals("u", config.databaseUrl().orElseThrow().user());
    }

    @Test
    void sizes_take_plain_bytes_or_a_unit() {
        assertEquals(4096, load(Map.of("RGRID_DATABASE_URL", DB, "RGRID_MAX_REQUEST_BYTES", "4096"), Map.of()).maxRequestBytes());
        assertEquals(512 * 1024, load(Map.of("RGRID_DATABASE_URL", DB, "RGRID_MAX_REQUEST_BYTES", "512k"), Map.of()).maxRequestBytes());
        assertEquals(1L << 30, load(Map.of("RGRID_DATABASE_URL", DB, "RGRID_MAX_REQUEST_BYTES", "1g"), Map.of()).maxRequestBytes());
    }

    @Test
    void a_bad_value_from_the_config_file_names_the_file_key_and_where_it_came_from() {
        SettingException e = assertThrows(SettingException.class,
                () -> load(Map.of("RGRID_DATABASE_URL", DB), Map.of("server_port", "70000")));
        assertTrue(e.getMessage().contains("server_port in config"), e.getMessage());
        assertEquals("70000", e.value());
        assertTrue(e.hint().contains("RGRID_SERVER_PORT=8080"), e.hint());
    }

    @Test
    void a_missing_database_is_refused() {
        SettingException e = assertThrows(SettingException.class, () -> load(Map.of(), Map.of()));
        assertEquals("missing_setting", e.code());
        assertTrue(e.what().startsWith("RGRID_DATABASE_URL is not set"), e.what());
    }
}
