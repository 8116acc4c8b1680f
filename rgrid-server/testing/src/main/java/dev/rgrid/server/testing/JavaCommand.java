package dev.rgrid.server.testing;

import dev.rgrid.core.store.DatabaseUrl;
import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The command line and environment of a server JVM started from this test JVM's classpath. */
final class JavaCommand {
    /** The parent pom's {@code rgrid.jvm.opens}: Ray's serializer needs them in the server JVM too. */
    static final List<String> OPENS = List.of("java.lang", "java.math", "java.util", "java.util.concurrent", "java.io",
            "java.nio", "java.net", "java.lang.reflect", "java.time", "java.text", "sun.nio.ch").stream()
            .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED").toList();
    static final String MAIN = "dev.rgrid.server.Main";

    private JavaCommand() {}

    static List<String> of(String... args) {
        return of(null, args);
    }

    /**
     * As {@link #of(String...)}; with {@code rayDistJar}, that jar replaces Maven's Ray jars on the classpath, as a
     * driver of a Ray cluster must run (the raylet and the Java core worker must be the same version).
     */
    static List<String> of(Path rayDistJar, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(OPENS);
        command.add("-cp");
        String classpath = System.getProperty("java.class.path");
        if (rayDistJar != null) {
            classpath = rayDistJar + File.pathSeparator + Arrays.stream(classpath.split(File.pathSeparator))
                    .filter(entry -> !isRayJar(Path.of(entry).getFileName().toString()))
                    .collect(Collectors.joining(File.pathSeparator));
        }
        command.add(classpath);
        command.add(MAIN);
        command.addAll(List.of(args));
        return command;
    }

    private static boolean isRayJar(String name) {
        return name.startsWith("ray-api-") || name.startsWith("ray-runtime-");
    }

    /**
     * Sets the server's environment: the database (or none when {@code db} is null), a home of its own,
     * then the caller's entries on top.
     */
    static void environment(Map<String, String> target, DatabaseUrl db, Path home, Map<String, String> extra) {
        target.remove("RGRID_DATABASE_URL");
        target.remove("DATABASE_URL");
        if (db != null) target.put("RGRID_DATABASE_URL", withCredentials(db));
        target.put("RGRID_HOME", home.toString());
        target.putAll(extra);
    }

    /** A JDBC URL that carries the user and password, as one environment variable must. */
    static String withCredentials(DatabaseUrl db) {
        StringBuilder url = new StringBuilder(db.jdbcUrl());
        char sep = db.jdbcUrl().contains("?") ? '&' : '?';
        if (db.user() != null && !db.jdbcUrl().contains("user=")) {
            url.append(sep).append("user=").append(URLEncoder.encode(db.user(), StandardCharsets.UTF_8));
            sep = '&';
        }
        if (db.password() != null && !db.jdbcUrl().contains("password=")) {
            url.append(sep).append("password=").append(URLEncoder.encode(db.password(), StandardCharsets.UTF_8));
        }
        return url.toString();
    }
}
