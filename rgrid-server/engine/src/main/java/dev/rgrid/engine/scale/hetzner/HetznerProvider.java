package dev.rgrid.engine.scale.hetzner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rgrid.engine.scale.NodeLaunch;
import dev.rgrid.engine.scale.NodeProvider;
import dev.rgrid.engine.scale.ProviderException;
import dev.rgrid.engine.scale.ProviderServer;
import dev.rgrid.engine.scale.ServerType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Worker nodes as Hetzner Cloud servers: typed and priced from {@code /server_types} at run time (prices changed twice
 * in 2026; they are refreshed daily, never written down here), created with the worker's cloud-init as user data and this
 * cluster's labels, listed by those labels, deleted when retired.
 */
public final class HetznerProvider implements NodeProvider {
    /** What a node keeps for its system, Docker, Ray and its Java worker: the rest of its memory is for runs. */
    public static final long RESERVED_MB = 1024;
    static final Duration PRICES_FRESH = Duration.ofDays(1);

    /** Where and how servers are made. */
    public record Options(String apiUrl, String token, List<String> serverTypes, String location, String image,
                          String network, List<String> sshKeys, List<String> firewalls, String clusterId) {}

    private final HetznerApi api;
    private final Options options;
    private final Clock clock;
    /** The create action of each server still booting, by server id: a failed one makes the server failed. */
    private final Map<String, String> createActions = new ConcurrentHashMap<>();
    private List<ServerType> types;
    private Instant typesReadAt;

    public HetznerProvider(Options options, ObjectMapper json, Clock clock) {
        this(options, new HetznerApi(options.apiUrl(), options.token(), json, clock, d -> Thread.sleep(d.toMillis())), clock);
    }

    HetznerProvider(Options options, HetznerApi api, Clock clock) {
        this.options = options;
        this.api = api;
        this.clock = clock;
    }

    @Override
    public String name() { return "hetzner"; }

    @Override
    public synchronized List<ServerType> serverTypes() {
        if (types == null || Duration.between(typesReadAt, clock.instant()).compareTo(PRICES_FRESH) > 0) {
            types = readTypes();
            typesReadAt = clock.instant();
        }
        return types;
    }

    private List<ServerType> readTypes() {
        String currency = api.get("/pricing").path("pricing").path("currency").asText("EUR");
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode type : api.all("/server_types", "server_types")) byName.put(type.path("name").asText(), type);
        List<ServerType> allowed = new ArrayList<>();
        for (String name : options.serverTypes()) {
            JsonNode type = byName.get(name);
            if (type == null) {
                throw new ProviderException("invalid_input", "Hetzner has no server type " + name
                        + " (RGRID_HETZNER_SERVER_TYPES); it offers " + String.join(", ", byName.keySet()), false);
            }
            JsonNode price = null;
            for (JsonNode p : type.path("prices")) {
                if (options.location().equals(p.path("location").asText())) price = p;
            }
            if (price == null) {
                throw new ProviderException("invalid_input", "Hetzner offers no " + name + " in " + options.location()
                        + " (RGRID_HETZNER_LOCATION)", false);
            }
            int cores = type.path("cores").asInt();
            long memoryMb = Math.round(type.path("memory").asDouble() * 1024) - RESERVED_MB;
            allowed.add(new ServerType(name, cores, memoryMb, cores, micros(price.path("price_hourly").path("net").asText()),
                    currency, options.location()));
        }
        allowed.sort(Comparator.comparingLong(ServerType::priceMicros));
        return List.copyOf(allowed);
    }

    /** A decimal price ({@code "0.0080"}) in millionths, exactly. */
    static long micros(String decimal) {
        return new BigDecimal(decimal).movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    @Override
    public ProviderServer create(NodeLaunch launch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", launch.name());
        body.put("server_type", launch.type().name());
        body.put("image", options.image());
        body.put("location", options.location());
        body.put("user_data", launch.userData());
        body.put("labels", launch.labels());
        body.put("start_after_create", true);
        if (!options.sshKeys().isEmpty()) body.put("ssh_keys", options.sshKeys());
        if (options.network() != null) body.put("networks", List.of(Long.parseLong(options.network())));
        if (!options.firewalls().isEmpty()) {
            body.put("firewalls", options.firewalls().stream().map(f -> Map.of("firewall", Long.parseLong(f))).toList());
        }
        try {
            JsonNode answer = api.post("/servers", body);
            ProviderServer server = server(answer.path("server"));
            String action = answer.path("action").path("id").asText(null);
            if (action != null) createActions.put(server.id(), action);
            return server;
        } catch (ProviderException e) {
            // The name is taken: an earlier call created it and its answer was lost. That server is the one asked for. And
            // after Hetzner's own error (5xx) the create may or may not have happened: the name says which.
            boolean mayExist = "uniqueness_error".equals(e.code()) || "server_error".equals(e.code())
                    || "unavailable".equals(e.code()) || "timeout".equals(e.code());
            if (!mayExist) throw e;
            List<JsonNode> named = api.all("/servers?name=" + HetznerApi.query(launch.name()), "servers");
            if (named.isEmpty()) throw e;
            return server(named.get(0));
        }
    }

    @Override
    public void delete(String serverId) {
        api.delete("/servers/" + serverId);
        createActions.remove(serverId);
    }

    @Override
    public List<ProviderServer> list() {
        List<ProviderServer> servers = new ArrayList<>();
        for (JsonNode s : api.all("/servers?label_selector=" + HetznerApi.query("rgrid-cluster=" + options.clusterId()),
                "servers")) {
            ProviderServer server = server(s);
            String action = createActions.get(server.id());
            if (action != null && "running".equals(server.status())) createActions.remove(server.id());
            // Only a server that should be starting and is off is asked about: one call for a failure, not one a server a
            // listing (100 booting servers listed every 5 s would be most of the 3,600 calls an hour).
            if (action != null && "off".equals(server.status())) server = withActionOutcome(server, action);
            servers.add(server);
        }
        return servers;
    }

    /** A server that is off while booting, with its create action's failure if it failed; asked once it has ended. */
    private ProviderServer withActionOutcome(ProviderServer server, String actionId) {
        JsonNode action = api.get("/actions/" + actionId).path("action");
        String status = action.path("status").asText();
        if ("success".equals(status)) createActions.remove(server.id());
        if (!"error".equals(status)) return server;
        createActions.remove(server.id());
        String why = action.path("error").path("message").asText("its create action failed");
        return new ProviderServer(server.id(), server.name(), server.status(), server.address(), server.createdAt(), why);
    }

    private static ProviderServer server(JsonNode s) {
        String address = null;
        for (JsonNode net : s.path("private_net")) {
            if (net.hasNonNull("ip")) address = net.get("ip").asText();
        }
        if (address == null && s.path("public_net").path("ipv4").hasNonNull("ip")) {
            address = s.path("public_net").path("ipv4").path("ip").asText();
        }
        Instant created = s.hasNonNull("created") ? OffsetDateTime.parse(s.get("created").asText()).toInstant() : null;
        return new ProviderServer(s.path("id").asText(), s.path("name").asText(), s.path("status").asText(), address,
                created, null);
    }
}
