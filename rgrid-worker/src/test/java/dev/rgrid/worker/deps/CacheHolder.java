package dev.rgrid.worker.deps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * Another process using the same cache: acquires {@code key} in {@code cacheDir}, installing it when
 * missing (says "installing" and waits for a line on stdin before it finishes), says "holding", and
 * keeps the entry in use until stdin closes. Each install it makes appends a line to {@code installs.log}.
 */
public final class CacheHolder {
    private CacheHolder() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String key = args[1];
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        DependencyCache cache = new DependencyCache(dir, DependencySettings.DEFAULT_MAX_BYTES, Clock.systemUTC());
        try (CachedEnvironment env = cache.acquire(key, description(), into -> install(dir, into, stdin))) {
            System.out.println("holding " + env.installed());
            System.out.flush();
            while (stdin.readLine() != null) {
                // held until the test closes our stdin
            }
        }
    }

    static DependencyCache.Description description() {
        return new DependencyCache.Description("python3.11", "sha256:test", DependencyKind.PIP);
    }

    static void install(Path cacheDir, Path into, BufferedReader stdin) {
        try {
            System.out.println("installing");
            System.out.flush();
            stdin.readLine();
            Files.writeString(into.resolve("site.txt"), "x".repeat(1000));
            Files.writeString(cacheDir.resolve("installs.log"), "installed\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
