package dev.rgrid.server.testing.hetzner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hetzner Cloud's API as a stateful HTTP server on loopback, for tests: the real paths ({@code /v1/servers},
 * {@code /v1/server_types}, {@code /v1/pricing}, {@code /v1/actions}), JSON shapes, server and action statuses, label
 * selectors, pagination ({@code per_page} at most 50, {@code meta.pagination}), error bodies
 * ({@code {"error": {"code", "message", "details"}}}) and the rate limit (3,600 an hour, one back a second, with its
 * {@code RateLimit-*} headers on every answer and 429 past it). A server created here boots for real: a
 * {@link CloudInitMachine} runs its user data's worker steps, so it becomes a Ray worker node on this machine, and
 * deleting it stops that node.
 *
 * <p>Faults on demand: creates refused, create actions that fail, servers that never boot, a storm of 429s, 5xx,
 * a server deleted behind the client's back, a hook run between a create and its answer (to kill the caller there),
 * and servers whose creation time is set back (to reach a billed hour's end without waiting for it).
 */
public final class HetznerEmulator implements AutoCloseable {
    public static final int RATE_LIMIT = 3600;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERVER_PATH = Pattern.compile("/v1/servers/(\\d+)");
    private static final Pattern ACTION_PATH = Pattern.compile("/v1/actions/(\\d+)");
    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?|");

    /** A server type as Hetzner lists it: cores, memory in GB, disk, hourly net price (EUR) in each location. */
    public record Type(long id, String name, int cores, double memoryGb, int disk, Map<String, String> hourlyNet) {}

    /** A server as the emulator holds it. */
    public static final class Server {
        final long id;
        final String name;
        final Type type;
        final String location;
        final String image;
        final Map<String, String> labels;
        final String userData;
        final Instant created;
        final String ip;
        final Long network;
        final int nodeManagerPort;
        volatile String status = "initializing";

        Server(long id, String name, Type type, String location, String image, Map<String, String> labels, String userData,
               Instant created, String ip, Long network) {
            this.id = id;
            this.name = name;
            this.type = type;
            this.location = location;
            this.image = image;
            this.labels = labels;
            this.userData = userData;
            this.created = created;
            this.ip = ip;
            this.network = network;
            // Below Ray's worker ports (10002 and up), apart from the local provider's (8400-9199).
            this.nodeManagerPort = 9200 + (int) (id % 700);
        }

        public long id() { return id; }
        public String name() { return name; }
        public String status() { return status; }
        public String typeName() { return type.name(); }
        public Map<String, String> labels() { return labels; }
        public String userData() { return userData; }
        public Instant created() { return created; }
        public String ip() { return ip; }
    }

    private record Action(long id, String command, long serverId, Instant started, String[] state) {
        // state[0]: status, state[1]: error message (or null)
    }

    private final HttpServer http;
    private final String token;
    private final CloudInitMachine machine;
    private final Clock clock;
    /**
     * One boot at a time: real servers are separate machines, but these share one machine's ports, and two Ray nodes
     * starting at once here pick the same free port (the raylet then dies on "address already in use").
     */
    private final ExecutorService boots = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hetzner-emulator-boot");
        t.setDaemon(true);
        return t;
    });
    /** Ids (and so addresses and ports) never repeat in a JVM: a killed node of an earlier emulator may linger in Ray. */
    private static final AtomicLong ids = new AtomicLong();
    private final Map<Long, Server> servers = new LinkedHashMap<>();
    private final Map<Long, Action> actions = new LinkedHashMap<>();
    private final List<Server> deleted = new ArrayList<>();
    private final Map<String, Integer> createsByName = new LinkedHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private final List<Type> types = new ArrayList<>(List.of(
            new Type(1, "cx22", 2, 4, 40, Map.of("nbg1", "0.0080", "fsn1", "0.0080", "hel1", "0.0080")),
            new Type(2, "cx32", 4, 8, 80, Map.of("nbg1", "0.0146", "fsn1", "0.0146", "hel1", "0.0146")),
            new Type(3, "cx42", 8, 16, 160, Map.of("nbg1", "0.0338", "fsn1", "0.0338", "hel1", "0.0338")),
            new Type(4, "cx52", 16, 32, 320, Map.of("nbg1", "0.0677", "fsn1", "0.0677", "hel1", "0.0677"))));
    private double tokens = RATE_LIMIT;
    private Instant refilledAt;
    private int failCreates;
    private String failCreatesCode = "resource_unavailable";
    private int failCreateActions;
    private int neverBoot;
    private int rateStorm;
    private Duration rateStormReset = Duration.ZERO;
    private int serverErrors;
    private int errorsAfterCreate;
    private Duration backdate = Duration.ZERO;
    private Consumer<String> beforeCreateAnswer = name -> { };

    private HetznerEmulator(String token, CloudInitMachine machine, Clock clock) throws IOException {
        this.token = token;
        this.machine = machine;
        this.clock = clock;
        this.refilledAt = clock.instant();
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/v1/", this::handle);
        http.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "hetzner-emulator");
            t.setDaemon(true);
            return t;
        }));
        http.start();
    }

    /** An emulator accepting {@code token}, whose servers boot on {@code machine} (null: they never become Ray nodes). */
    public static HetznerEmulator start(String token, CloudInitMachine machine) {
        try {
            return new HetznerEmulator(token, machine, Clock.systemUTC());
        } catch (IOException e) {
            throw new IllegalStateException("could not start the emulated Hetzner API", e);
        }
    }

    /** The API's base URL, as RGRID_HETZNER_API_URL takes it. */
    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
    }

    // ---- faults ----

    /** The next {@code n} creates are refused with {@code code} (412 resource_unavailable by default). */
    public synchronized void failCreates(int n, String code) { failCreates = n; failCreatesCode = code; }

    /** The next {@code n} creates are accepted, and their create action then fails; the server stays off. */
    public synchronized void failCreateActions(int n) { failCreateActions = n; }

    /** The next {@code n} servers created never boot (their worker never joins). */
    public synchronized void neverBoot(int n) { neverBoot = n; }

    /** The next {@code n} requests get 429, with {@code RateLimit-Reset} {@code reset} from now. */
    public synchronized void rateLimitStorm(int n, Duration reset) { rateStorm = n; rateStormReset = reset; }

    /** The next {@code n} requests get 500 server_error. */
    public synchronized void serverErrors(int n) { serverErrors = n; }

    /** The next {@code n} creates take effect and are answered 500 server_error all the same. */
    public synchronized void serverErrorsAfterCreate(int n) { errorsAfterCreate = n; }

    /** Servers created from now on say they were created {@code ago} earlier (their billing hour is that far along). */
    public synchronized void backdateCreation(Duration ago) { backdate = ago; }

    /** Runs {@code hook} with the server's name after a create took effect and before its answer is sent. */
    public synchronized void beforeCreateAnswer(Consumer<String> hook) { beforeCreateAnswer = hook; }

    /** Deletes the server named so, as someone in Hetzner's console would: its node stops, the API is not told by RGrid. */
    public void deleteBehindBack(String name) {
        Server s;
        synchronized (this) {
            s = servers.values().stream().filter(x -> x.name.equals(name)).findFirst().orElseThrow();
            servers.remove(s.id);
            deleted.add(s);
        }
        if (machine != null) machine.stop(s.nodeManagerPort);
    }

    /** A server made by someone else in the same project (in Hetzner's console, say), running, never a Ray node. */
    public synchronized Server createOutsideRGrid(String name, Map<String, String> labels) {
        long id = ids.incrementAndGet();
        Server s = new Server(id, name, types.get(0), "nbg1", "debian-12", Map.copyOf(labels), "", clock.instant(),
                "127.0.2." + (1 + id % 250), null);
        s.status = "running";
        servers.put(id, s);
        return s;
    }

    /** The machine of the server named so dies (its Ray node is killed); the API still lists the server, as Hetzner would. */
    public void killMachine(String name) {
        Server s;
        synchronized (this) {
            s = servers.values().stream().filter(x -> x.name.equals(name)).findFirst().orElseThrow();
        }
        if (machine != null) machine.stop(s.nodeManagerPort);
    }

    /** Sets a type's hourly net price (EUR) in every location it is offered in. */
    public synchronized void setPrice(String typeName, String hourlyNet) {
        for (int i = 0; i < types.size(); i++) {
            Type t = types.get(i);
            if (!t.name().equals(typeName)) continue;
            Map<String, String> prices = new LinkedHashMap<>();
            t.hourlyNet().keySet().forEach(l -> prices.put(l, hourlyNet));
            types.set(i, new Type(t.id(), t.name(), t.cores(), t.memoryGb(), t.disk(), prices));
        }
    }

    // ---- what tests look at ----

    /** The servers that exist now. */
    public synchronized List<Server> servers() { return List.copyOf(servers.values()); }

    /** Servers deleted, through the API or behind its back. */
    public synchronized List<Server> deleted() { return List.copyOf(deleted); }

    /** How many creates took effect for each name (a second for the same name is refused, so never above 1). */
    public synchronized Map<String, Integer> createsByName() { return Map.copyOf(createsByName); }

    /** Every request so far, as {@code METHOD /path?query}. */
    public synchronized List<String> requests() { return List.copyOf(requests); }

    // ---- the API ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> params = params(query);
            byte[] body = exchange.getRequestBody().readAllBytes();
            Reply reply;
            synchronized (this) {
                requests.add(method + " " + path + (query == null ? "" : "?" + query));
                reply = gate(exchange);
                if (reply == null) reply = route(method, path, params, body);
                if (reply.afterCreate != null && errorsAfterCreate > 0) {
                    errorsAfterCreate--;
                    reply = error(500, "server_error", "an internal error occurred");
                }
            }
            if (reply.afterCreate != null) {
                // The create took effect; the caller may die before it hears so.
                beforeCreateAnswer.accept(reply.afterCreate);
            }
            send(exchange, reply);
        } catch (RuntimeException e) {
            send(exchange, error(500, "server_error", "emulator: " + e));
        }
    }

    private record Reply(int status, JsonNode body, Instant reset, String afterCreate) {}

    /** Authentication, the rate limit and injected failures: a reply when the request goes no further. */
    private Reply gate(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.equals("Bearer " + token)) return error(401, "unauthorized", "unable to authenticate");
        refill();
        if (rateStorm > 0) {
            rateStorm--;
            return new Reply(429, errorBody("rate_limit_exceeded", "limit of 3600 requests per hour reached"),
                    clock.instant().plus(rateStormReset), null);
        }
        if (tokens < 1) return new Reply(429, errorBody("rate_limit_exceeded", "limit of 3600 requests per hour reached"),
                clock.instant().plusSeconds(1), null);
        tokens -= 1;
        if (serverErrors > 0) {
            serverErrors--;
            return error(500, "server_error", "an internal error occurred");
        }
        return null;
    }

    private void refill() {
        Instant now = clock.instant();
        double seconds = Duration.between(refilledAt, now).toMillis() / 1000.0;
        tokens = Math.min(RATE_LIMIT, tokens + seconds);
        refilledAt = now;
    }

    private Reply route(String method, String path, Map<String, String> params, byte[] body) {
        Matcher server = SERVER_PATH.matcher(path);
        Matcher action = ACTION_PATH.matcher(path);
        if (path.equals("/v1/pricing") && method.equals("GET")) return ok(pricing());
        if (path.equals("/v1/server_types") && method.equals("GET")) return ok(page("server_types",
                types.stream().map(this::typeJson).toList(), params));
        if (path.equals("/v1/servers") && method.equals("GET")) return listServers(params);
        if (path.equals("/v1/servers") && method.equals("POST")) return create(body);
        if (server.matches() && method.equals("GET")) {
            Server s = servers.get(Long.parseLong(server.group(1)));
            if (s == null) return error(404, "not_found", "server with ID '" + server.group(1) + "' not found");
            ObjectNode answer = JSON.createObjectNode();
            answer.set("server", serverJson(s));
            return ok(answer);
        }
        if (server.matches() && method.equals("DELETE")) return delete(Long.parseLong(server.group(1)));
        if (action.matches() && method.equals("GET")) {
            Action a = actions.get(Long.parseLong(action.group(1)));
            if (a == null) return error(404, "not_found", "action with ID '" + action.group(1) + "' not found");
            ObjectNode answer = JSON.createObjectNode();
            answer.set("action", actionJson(a));
            return ok(answer);
        }
        return error(404, "not_found", "no route " + method + " " + path);
    }

    private Reply listServers(Map<String, String> params) {
        List<Server> matching = new ArrayList<>();
        String selector = params.get("label_selector");
        for (Server s : servers.values()) {
            if (params.containsKey("name") && !s.name.equals(params.get("name"))) continue;
            if (selector != null) {
                Boolean matches = LabelSelector.matches(selector, s.labels);
                if (matches == null) return error(400, "invalid_input", "invalid label_selector: " + selector);
                if (!matches) continue;
            }
            matching.add(s);
        }
        return ok(page("servers", matching.stream().map(this::serverJson).toList(), params));
    }

    private Reply create(byte[] raw) {
        JsonNode body;
        try {
            body = JSON.readTree(raw);
        } catch (IOException e) {
            return error(400, "json_error", "invalid JSON");
        }
        String name = body.path("name").asText("");
        String typeName = body.path("server_type").asText("");
        String image = body.path("image").asText("");
        String location = body.path("location").asText("nbg1");
        String userData = body.path("user_data").asText("");
        List<String> invalid = new ArrayList<>();
        if (!name.matches("[a-zA-Z0-9]([a-zA-Z0-9.-]{0,61}[a-zA-Z0-9])?")) invalid.add("name");
        Type type = types.stream().filter(t -> t.name().equals(typeName)).findFirst().orElse(null);
        if (type == null) invalid.add("server_type");
        if (image.isEmpty()) invalid.add("image");
        if (type != null && !type.hourlyNet().containsKey(location)) invalid.add("location");
        if (userData.getBytes(StandardCharsets.UTF_8).length > 32 * 1024) invalid.add("user_data");
        Map<String, String> labels = new LinkedHashMap<>();
        body.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        if (labels.values().stream().anyMatch(v -> !LABEL_VALUE.matcher(v).matches())) invalid.add("labels");
        if (!invalid.isEmpty()) {
            ObjectNode details = JSON.createObjectNode();
            ArrayNode fields = details.putArray("fields");
            invalid.forEach(f -> fields.addObject().put("name", f).putArray("messages").add("is invalid"));
            return new Reply(400, errorBody("invalid_input", "invalid input in fields '" + String.join("', '", invalid) + "'",
                    details), null, null);
        }
        if (servers.values().stream().anyMatch(s -> s.name.equals(name))) {
            return error(409, "uniqueness_error", "server name is already used");
        }
        if (failCreates > 0) {
            failCreates--;
            return error(failCreatesCode.equals("resource_limit_exceeded") ? 403 : 412, failCreatesCode,
                    "the requested resource is currently unavailable");
        }
        long id = ids.incrementAndGet();
        Long network = body.path("networks").isArray() && body.path("networks").size() > 0
                ? body.path("networks").get(0).asLong() : null;
        Server s = new Server(id, name, type, location, image, labels, userData, clock.instant().minus(backdate),
                "127.0.2." + (1 + id % 250), network);
        servers.put(id, s);
        createsByName.merge(name, 1, Integer::sum);
        Action a = new Action(ids.incrementAndGet(), "create_server", id, clock.instant(), new String[] {"running", null});
        actions.put(a.id(), a);
        boolean failAction = failCreateActions > 0;
        if (failAction) failCreateActions--;
        boolean boot = neverBoot == 0;
        if (!boot) neverBoot--;
        boots.execute(() -> boot(s, a, failAction, boot));
        ObjectNode answer = JSON.createObjectNode();
        answer.set("server", serverJson(s));
        answer.set("action", actionJson(a));
        answer.putArray("next_actions");
        answer.putNull("root_password");
        return new Reply(201, answer, null, name);
    }

    private void boot(Server s, Action a, boolean failAction, boolean boot) {
        if (failAction) {
            synchronized (this) {
                s.status = "off";
                a.state()[0] = "error";
                a.state()[1] = "action failed: the server could not be created in this location right now";
            }
            return;
        }
        if (!boot) return; // stays initializing: its machine never comes up
        synchronized (this) {
            s.status = "starting";
        }
        try {
            if (machine != null) machine.boot(s.id, s.userData, s.ip, s.nodeManagerPort);
        } catch (RuntimeException e) {
            // Its cloud-init failed: the machine runs, its worker never joins (as on a real server).
            System.err.println("[hetzner-emulator] " + s.name + ": " + e.getMessage());
        }
        synchronized (this) {
            if (servers.containsKey(s.id)) s.status = "running";
            a.state()[0] = "success";
        }
    }

    private Reply delete(long id) {
        Server s = servers.remove(id);
        if (s == null) return error(404, "not_found", "server with ID '" + id + "' not found");
        s.status = "deleting";
        deleted.add(s);
        if (machine != null) boots.execute(() -> machine.stop(s.nodeManagerPort));
        Action a = new Action(ids.incrementAndGet(), "delete_server", id, clock.instant(), new String[] {"success", null});
        actions.put(a.id(), a);
        ObjectNode answer = JSON.createObjectNode();
        answer.set("action", actionJson(a));
        return ok(answer);
    }

    // ---- JSON ----

    private ObjectNode pricing() {
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode pricing = answer.putObject("pricing");
        pricing.put("currency", "EUR");
        pricing.put("vat_rate", "19.00");
        ArrayNode list = pricing.putArray("server_types");
        for (Type t : types) {
            ObjectNode entry = list.addObject().put("id", t.id()).put("name", t.name());
            entry.set("prices", pricesJson(t));
        }
        return answer;
    }

    private ObjectNode typeJson(Type t) {
        ObjectNode n = JSON.createObjectNode().put("id", t.id()).put("name", t.name())
                .put("description", t.name().toUpperCase()).put("cores", t.cores()).put("memory", t.memoryGb())
                .put("disk", t.disk()).put("deprecated", false).put("storage_type", "local").put("cpu_type", "shared")
                .put("architecture", "x86");
        n.set("prices", pricesJson(t));
        return n;
    }

    private ArrayNode pricesJson(Type t) {
        ArrayNode prices = JSON.createArrayNode();
        t.hourlyNet().forEach((location, net) -> {
            ObjectNode p = prices.addObject().put("location", location);
            String gross = new BigDecimal(net).multiply(new BigDecimal("1.19"))
                    .setScale(4, RoundingMode.HALF_UP).toPlainString();
            p.putObject("price_hourly").put("net", net).put("gross", gross);
            String monthly = new BigDecimal(net).multiply(BigDecimal.valueOf(672)).setScale(4,
                    RoundingMode.HALF_UP).toPlainString();
            p.putObject("price_monthly").put("net", monthly).put("gross", monthly);
        });
        return prices;
    }

    private ObjectNode serverJson(Server s) {
        ObjectNode n = JSON.createObjectNode().put("id", s.id).put("name", s.name).put("status", s.status)
                .put("created", s.created.atOffset(ZoneOffset.UTC).toString()).put("locked", false)
                .put("rescue_enabled", false).put("backup_window", (String) null);
        ObjectNode publicNet = n.putObject("public_net");
        publicNet.putObject("ipv4").put("ip", s.ip).put("blocked", false).put("dns_ptr", "static.emulated");
        publicNet.putNull("ipv6");
        publicNet.putArray("floating_ips");
        publicNet.putArray("firewalls");
        ArrayNode privateNet = n.putArray("private_net");
        if (s.network != null) privateNet.addObject().put("network", s.network).put("ip", s.ip).putArray("alias_ips");
        n.set("server_type", typeJson(s.type));
        n.putObject("datacenter").put("name", s.location + "-dc3").putObject("location").put("name", s.location);
        n.putObject("image").put("name", s.image).put("type", "system");
        ObjectNode labels = n.putObject("labels");
        s.labels.forEach(labels::put);
        return n;
    }

    private ObjectNode actionJson(Action a) {
        ObjectNode n = JSON.createObjectNode().put("id", a.id()).put("command", a.command()).put("status", a.state()[0])
                .put("progress", a.state()[0].equals("running") ? 0 : 100)
                .put("started", a.started().atOffset(ZoneOffset.UTC).toString());
        if (a.state()[0].equals("running")) n.putNull("finished");
        else n.put("finished", clock.instant().atOffset(ZoneOffset.UTC).toString());
        n.putArray("resources").addObject().put("id", a.serverId()).put("type", "server");
        if (a.state()[1] == null) n.putNull("error");
        else n.putObject("error").put("code", "action_failed").put("message", a.state()[1]);
        return n;
    }

    private static ObjectNode page(String field, List<? extends JsonNode> items, Map<String, String> params) {
        int perPage = Math.min(50, Math.max(1, Integer.parseInt(params.getOrDefault("per_page", "25"))));
        int page = Math.max(1, Integer.parseInt(params.getOrDefault("page", "1")));
        int last = Math.max(1, (items.size() + perPage - 1) / perPage);
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode list = answer.putArray(field);
        items.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(list::add);
        ObjectNode pagination = answer.putObject("meta").putObject("pagination").put("page", page).put("per_page", perPage)
                .put("last_page", last).put("total_entries", items.size());
        if (page > 1) pagination.put("previous_page", page - 1); else pagination.putNull("previous_page");
        if (page < last) pagination.put("next_page", page + 1); else pagination.putNull("next_page");
        return answer;
    }

    private static Reply ok(JsonNode body) {
        return new Reply(200, body, null, null);
    }

    private static Reply error(int status, String code, String message) {
        return new Reply(status, errorBody(code, message), null, null);
    }

    private static ObjectNode errorBody(String code, String message) {
        return errorBody(code, message, JSON.createObjectNode());
    }

    private static ObjectNode errorBody(String code, String message, ObjectNode details) {
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode error = answer.putObject("error").put("code", code).put("message", message);
        error.set("details", details);
        return answer;
    }

    private void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(reply.body());
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        Instant reset;
        int remaining;
        synchronized (this) {
            remaining = (int) Math.floor(tokens);
            reset = reply.reset() != null ? reply.reset()
                    : clock.instant().plusSeconds((long) Math.ceil(RATE_LIMIT - tokens));
        }
        headers.set("RateLimit-Limit", String.valueOf(RATE_LIMIT));
        headers.set("RateLimit-Remaining", String.valueOf(reply.status() == 429 ? 0 : remaining));
        headers.set("RateLimit-Reset", String.valueOf(reset.getEpochSecond()));
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null) return params;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    /** Stops answering and stops every server's node (a test's servers never outlive it). */
    @Override
    public void close() {
        http.stop(0);
        List<Server> left;
        synchronized (this) {
            left = List.copyOf(servers.values());
        }
        if (machine != null) left.forEach(s -> machine.stop(s.nodeManagerPort));
        boots.shutdownNow();
    }

    /** For a failed test's message. */
    @Override
    public synchronized String toString() {
        return "emulated Hetzner at " + url() + ": servers " + Arrays.toString(servers.values().stream()
                .map(s -> s.name + "=" + s.status).toArray()) + ", deleted " + deleted.size();
    }
}
