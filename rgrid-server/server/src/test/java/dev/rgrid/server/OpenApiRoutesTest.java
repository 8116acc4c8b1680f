package dev.rgrid.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.DatabaseUrl;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.server.config.ServerConfig;
import dev.rgrid.server.http.Route;
import dev.rgrid.server.testing.ServerProcess;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** openapi.yaml and the routes the app registers with Javalin are the same set, checked both ways. */
class OpenApiRoutesTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");

    @Test
    void the_description_and_the_registered_routes_match_both_ways_and_each_route_answers(@TempDir Path home)
            throws IOException {
        Set<String> documented = documentedRoutes(RGridServer.openApiYaml());
        DatabaseUrl db = TestPostgres.freshEmbeddedUrl();
        ConfigSources sources = ConfigSources.of(Map.of(
                "RGRID_DATABASE_URL", ServerProcess.databaseUrlSetting(db),
                "RGRID_HOME", home.toString(), "RGRID_SERVER_HOST", "127.0.0.1", "RGRID_SERVER_PORT", "0",
                "RGRID_DISPATCH", "off"), Map.of());

        try (RGridServer server = RGridServer.start(ServerConfig.load(sources)); Database keys = Database.external(db)) {
            Set<String> registered = server.routes().stream().map(Route::toString).collect(Collectors.toCollection(TreeSet::new));

            Set<String> undocumented = new TreeSet<>(registered);
            undocumented.removeAll(documented);
            Set<String> unserved = new TreeSet<>(documented);
            unserved.removeAll(registered);
            assertTrue(undocumented.isEmpty(), "served but not in openapi.yaml: " + undocumented);
            assertTrue(unserved.isEmpty(), "in openapi.yaml but not served: " + unserved);

            Http http = new Http("http://127.0.0.1:" + server.port());
            String key = keys.apiKeys().create("openapi", "openapi", Instant.now()).secret();
            for (String route : documented) {
                String[] parts = route.split(" ", 2);
                String path = parts[1].replace("{id}", "exec_nosuchexecution0").replace("{sha256}", "0".repeat(64))
                        .replace("{path}", "x.txt");
                Http.Response r = http.send(http.request(path, key).method(parts[0], HttpRequest.BodyPublishers.noBody()));
                assertNotEquals(405, r.status(), route + " answered " + r);
                // A HEAD answer has no body; only an input probe answers HEAD, and 404 is its "not uploaded".
                if (r.status() == 404 && !parts[0].equals("HEAD")) {
                    assertEquals("execution_not_found", r.code(), route + " is a route: " + r);
                }
                assertTrue(r.status() < 500, route + " answered " + r);
            }
        }
    }

    private static Set<String> documentedRoutes(String yaml) throws IOException {
        JsonNode paths = new YAMLMapper().readTree(yaml).path("paths");
        Set<String> routes = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            });
        }
        assertTrue(routes.size() > 5, "parsed the description: " + routes);
        return routes;
    }
}
