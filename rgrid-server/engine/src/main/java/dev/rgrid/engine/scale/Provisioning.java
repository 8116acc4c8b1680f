package dev.rgrid.engine.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.Quantities;
import dev.rgrid.core.config.Setting;
import dev.rgrid.core.store.Database;
import dev.rgrid.engine.scale.hetzner.HetznerProvider;
import dev.rgrid.engine.scale.local.LocalProvider;
import dev.rgrid.worker.ray.RayNodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Builds the autoscaler the settings ask for: Hetzner Cloud, local Ray nodes, or none. */
public final class Provisioning {
    static final String DEFAULT_HETZNER_API = "https://api.hetzner.cloud/v1";
    static final String DEFAULT_TYPES = "cx22,cx32,cx42,cx52";

    private Provisioning() {}

    /** Empty when no provider is configured (nodes are then whatever someone started). */
    public static Optional<Autoscaler> open(ConfigSources sources, Database database, Clock clock, ScaleMetrics metrics) {
        String kind = sources.lookup(Setting.NODE_PROVIDER).map(ConfigValue::value)
                .orElse(sources.lookup(Setting.HETZNER_TOKEN).isPresent() ? "hetzner" : "none");
        if (kind.equals("none")) return Optional.empty();
        ScaleSettings settings = ScaleSettings.from(sources);
        String head = sources.lookup(Setting.RAY_HEAD_ADDRESS).or(() -> sources.lookup(Setting.RAY_ADDRESS))
                .map(ConfigValue::value).orElseThrow(() -> new InvalidInputException("invalid_setting",
                        "Provisioned nodes need a Ray head to join", kind,
                        "Set RGRID_RAY_ADDRESS (and RGRID_RAY_HEAD_ADDRESS when nodes reach the head at another address)"));
        NodeProvider provider = switch (kind) {
            case "hetzner" -> hetzner(sources, settings, clock);
            case "local" -> local(sources, head, clock);
            default -> throw new InvalidInputException("invalid_setting", "Unknown node provider", kind,
                    "Set RGRID_NODE_PROVIDER to hetzner, local or none");
        };
        String buildUrl = sources.lookup(Setting.NODE_BUILD_URL).map(ConfigValue::value).orElse(null);
        if (kind.equals("hetzner") && buildUrl == null) {
            throw new InvalidInputException("invalid_setting", "New Hetzner servers need the RGrid build to install",
                    "RGRID_NODE_BUILD_URL is not set", "Serve a tarball of the built tree (git archive after mvn install) and "
                    + "set RGRID_NODE_BUILD_URL to its address");
        }
        return Optional.of(new Autoscaler(provider, database.servers(), database.nodes(), RayNodes::all, settings,
                new Autoscaler.Bootstrap(head, buildUrl), clock, new LeaderLock(database), metrics));
    }

    private static NodeProvider hetzner(ConfigSources sources, ScaleSettings settings, Clock clock) {
        String token = sources.lookup(Setting.HETZNER_TOKEN).map(ConfigValue::value).orElseThrow(() ->
                new InvalidInputException("invalid_setting", "The Hetzner node provider needs an API token",
                        "RGRID_HETZNER_TOKEN is not set", "Create a read & write token in the Hetzner Cloud console "
                        + "(Security, API tokens) and set RGRID_HETZNER_TOKEN or HCLOUD_TOKEN"));
        HetznerProvider.Options options = new HetznerProvider.Options(
                value(sources, Setting.HETZNER_API_URL, DEFAULT_HETZNER_API), token,
                list(value(sources, Setting.HETZNER_SERVER_TYPES, DEFAULT_TYPES)),
                value(sources, Setting.HETZNER_LOCATION, "nbg1"), value(sources, Setting.HETZNER_IMAGE, "debian-12"),
                sources.lookup(Setting.HETZNER_NETWORK).map(ConfigValue::value).orElse(null),
                list(value(sources, Setting.HETZNER_SSH_KEYS, "")), list(value(sources, Setting.HETZNER_FIREWALLS, "")),
                settings.clusterId());
        return new HetznerProvider(options, new ObjectMapper(), clock);
    }

    private static NodeProvider local(ConfigSources sources, String head, Clock clock) {
        double cpus = sources.lookup(Setting.LOCAL_NODE_CPUS).map(Quantities::cpus).orElse(1.0);
        long memoryMb = sources.lookup(Setting.LOCAL_NODE_MEMORY).map(Quantities::memoryMb).orElse(2048L);
        int slots = sources.lookup(Setting.LOCAL_NODE_SLOTS).map(v -> Quantities.integer("local node slots", v)).orElse(1);
        long price = sources.lookup(Setting.LOCAL_NODE_PRICE).map(v -> {
            try {
                return new BigDecimal(v.value().trim()).movePointRight(6).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw new InvalidInputException("invalid_setting", "The local node price is not valid", v.value(),
                        "Give the hourly price in EUR as a decimal, like 0.0071, or 0");
            }
        }).orElse(0L);
        Path root = infraRoot();
        return new LocalProvider(new ServerType("local", cpus, memoryMb, slots, price, "EUR", "local"),
                sources.home().resolve("local-nodes"), root.resolve("infra/deploy/worker-start.sh"), rayBin(root), head, clock);
    }

    /** The source tree's root (where infra/ is), found above the working directory or this code's location. */
    static Path infraRoot() {
        List<Path> starts = new ArrayList<>(List.of(Path.of("").toAbsolutePath()));
        try {
            starts.add(Path.of(Provisioning.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception e) {
            // Only the working directory then.
        }
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                if (Files.isExecutable(dir.resolve("infra/deploy/worker-start.sh"))) return dir;
            }
        }
        throw new InvalidInputException("invalid_setting", "The local node provider needs RGrid's infra scripts",
                "infra/deploy/worker-start.sh not found above " + starts.get(0),
                "Run the server from the RGrid source tree (or where it is installed), or use another provider");
    }

    /** Ray's command from the venv infra/ray/venv.sh makes (installing it the first time). */
    private static String rayBin(Path root) {
        try {
            Process p = new ProcessBuilder(root.resolve("infra/ray/venv.sh").toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String venv = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0 || venv.isEmpty()) throw new IllegalStateException("infra/ray/venv.sh failed");
            return Path.of(venv, "bin", "ray").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted finding Ray", e);
        }
    }

    private static String value(ConfigSources sources, Setting setting, String fallback) {
        return sources.lookup(setting).map(ConfigValue::value).orElse(fallback);
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
