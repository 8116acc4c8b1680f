package dev.rgrid.engine.scale;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rgrid.engine.scale.hetzner.HetznerProvider;
import dev.rgrid.server.testing.hetzner.HetznerEmulator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Hetzner provider against the emulated API (servers that never become Ray nodes: no machine behind them). */
class HetznerProviderTest {
    private static final String TOKEN = "provider-test-token";

    private static HetznerProvider provider(HetznerEmulator api, String token, List<String> types) {
        return new HetznerProvider(new HetznerProvider.Options(api.url(), token, types, "nbg1", "debian-12", null, List.of(),
                List.of(), "pt"), new ObjectMapper(), Clock.systemUTC());
    }

    private static NodeLaunch launch(String name, ServerType type) {
        return new NodeLaunch(name, type, Map.of("rgrid-cluster", "pt", "rgrid-role", "worker"), "#cloud-config\n");
    }

    @Test
    void types_and_prices_are_read_from_the_api_exactly() {
        try (HetznerEmulator api = HetznerEmulator.start(TOKEN, null)) {
            api.setPrice("cx32", "0.0151");
            List<ServerType> types = provider(api, TOKEN, List.of("cx32", "cx22")).serverTypes();

            assertEquals(List.of(new ServerType("cx22", 2, 3072, 2, 8000, "EUR", "nbg1"),
                    new ServerType("cx32", 4, 7168, 4, 15100, "EUR", "nbg1")), types, "cheapest first, memory less 1 GB kept");
        }
    }

    @Test
    void an_unknown_type_is_refused_naming_what_there_is() {
        try (HetznerEmulator api = HetznerEmulator.start(TOKEN, null)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider(api, TOKEN, List.of("cx99")).serverTypes());
            assertEquals("Hetzner has no server type cx99 (RGRID_HETZNER_SERVER_TYPES); it offers cx22, cx32, cx42, cx52",
                    e.getMessage());
        }
    }

    @Test
    void a_wrong_token_is_hetzners_own_error() {
        try (HetznerEmulator api = HetznerEmulator.start(TOKEN, null)) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> provider(api, "wrong", List.of("cx22")).serverTypes());
            assertEquals("unauthorized", e.code());
            assertTrue(e.getMessage().contains("unable to authenticate"), e.getMessage());
        }
    }

    @Test
    void servers_are_created_listed_by_this_clusters_label_over_pages_and_deleted() {
        try (HetznerEmulator api = HetznerEmulator.start(TOKEN, null)) {
            HetznerProvider provider = provider(api, TOKEN, List.of("cx22"));
            ServerType cx22 = provider.serverTypes().get(0);
            for (int i = 1; i <= 55; i++) provider.create(launch("rgrid-pt-" + i, cx22));
            HetznerProvider other = new HetznerProvider(new HetznerProvider.Options(api.url(), TOKEN, List.of("cx22"), "nbg1",
                    "debian-12", null, List.of(), List.of(), "other"), new ObjectMapper(), Clock.systemUTC());
            other.create(new NodeLaunch("rgrid-other-1", cx22, Map.of("rgrid-cluster", "other"), "#cloud-config\n"));

            List<ProviderServer> listed = provider.list();
            assertEquals(55, listed.size(), "two pages of 50, this cluster's only");
            assertTrue(api.requests().stream().anyMatch(r -> r.contains("label_selector=rgrid-cluster%3Dpt") && r.contains("page=2")),
                    api.requests().toString());
            assertTrue(listed.get(0).address().startsWith("127.0.2."), listed.get(0).toString());

            provider.delete(listed.get(0).id());
            provider.delete(listed.get(0).id()); // gone already: not an error
            assertEquals(54, provider.list().size());
        }
    }

    @Test
    void a_create_whose_answer_was_lost_finds_the_server_by_name_instead_of_making_another() {
        try (HetznerEmulator api = HetznerEmulator.start(TOKEN, null)) {
            HetznerProvider provider = provider(api, TOKEN, List.of("cx22"));
            ServerType cx22 = provider.serverTypes().get(0);
            ProviderServer first = provider.create(launch("rgrid-pt-7", cx22));

            ProviderServer again = provider.create(launch("rgrid-pt-7", cx22));

            assertEquals(first.id(), again.id());
            assertEquals(Map.of("rgrid-pt-7", 1), api.createsByName());
        }
    }

    @Test
    void a_create_answered_with_a_server_error_is_looked_up_by_name_and_never_made_twice() {
        try (HetznerEmulator api = HetznerEmulator.start(TOKEN, null)) {
            HetznerProvider provider = provider(api, TOKEN, List.of("cx22"));
            ServerType cx22 = provider.serverTypes().get(0);
            api.serverErrorsAfterCreate(1);

            ProviderServer created = provider.create(launch("rgrid-pt-3", cx22));

            assertEquals("rgrid-pt-3", created.name());
            assertEquals(Map.of("rgrid-pt-3", 1), api.createsByName(), "the retry found it, and made no second one");
        }
    }

    @Test
    void rate_limits_wait_for_the_reset_and_server_errors_are_tried_again() {
        try (HetznerEmulator api = HetznerEmulator.start(TOKEN, null)) {
            HetznerProvider provider = provider(api, TOKEN, List.of("cx22"));
            // RateLimit-Reset is a Unix time in whole seconds: two seconds on is at least one second's wait.
            api.rateLimitStorm(1, Duration.ofSeconds(2));
            api.serverErrors(1);
            long start = System.nanoTime();

            assertEquals(1, provider.serverTypes().size());

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofMillis(900)) > 0, "it waited for the reset: " + took);
            assertEquals(3, api.requests().stream().filter(r -> r.startsWith("GET /v1/pricing")).count(),
                    "429, 500, then the answer: " + api.requests());
        }
    }

    @Test
    void a_failed_create_action_is_reported_on_the_server() {
        try (HetznerEmulator api = HetznerEmulator.start(TOKEN, null)) {
            HetznerProvider provider = provider(api, TOKEN, List.of("cx22"));
            api.failCreateActions(1);
            provider.create(launch("rgrid-pt-1", provider.serverTypes().get(0)));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> provider.list().get(0).failure() != null);
            assertTrue(provider.list().isEmpty() || provider.list().get(0).failure() == null, "asked once, then forgotten");
        }
    }

    @Test
    void refusals_carry_hetzners_code() {
        try (HetznerEmulator api = HetznerEmulator.start(TOKEN, null)) {
            HetznerProvider provider = provider(api, TOKEN, List.of("cx22"));
            ServerType cx22 = provider.serverTypes().get(0);
            api.failCreates(1, "resource_limit_exceeded");

            ProviderException e = assertThrows(ProviderException.class, () -> provider.create(launch("rgrid-pt-1", cx22)));
            assertEquals("resource_limit_exceeded", e.code());
            ProviderException invalid = assertThrows(ProviderException.class, () -> provider.create(launch("bad name!", cx22)));
            assertEquals("invalid_input", invalid.code());
        }
    }
}
