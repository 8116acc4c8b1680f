package dev.rgrid.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * The launcher runs commands on the client's own jars (target/client.classpath); the engine's jars are not there. So
 * every class a command reaches, except through {@code shutdown} and {@code cache} (which {@link Main} runs in a class
 * loader with the engine's classes), must come from those jars or the JDK; and every command's own fields and method
 * signatures too, since picocli reads them for {@code rgrid --help}. The class graph is jdeps's, of the CLI's classes.
 */
class ClientClassPathTest {
    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+\\S+.*$", Pattern.MULTILINE);
    private static final Pattern VERSIONED_JAR = Pattern.compile("(.+?)-\\d[^/]*\\.jar");
    private static final Set<String> READING_ENGINE_CLASSES =
            Set.of("dev.rgrid.cli.command.ShutdownCommand", "dev.rgrid.cli.command.CacheCommand");

    private static Set<String> clientArtifacts;
    private static Map<String, Set<String>> graph;

    @BeforeAll
    static void read() throws IOException {
        clientArtifacts = new HashSet<>();
        for (String entry : Files.readString(Path.of("target/client.classpath")).trim().split(":")) {
            Matcher m = VERSIONED_JAR.matcher(Path.of(entry).getFileName().toString());
            if (m.matches()) clientArtifacts.add(m.group(1));
        }
        graph = jdeps(Path.of("target/classes"));
    }

    @Test
    void commands_other_than_shutdown_and_cache_reach_only_the_client_jars() {
        assertTrue(graph.containsKey(Main.class.getName()), "jdeps read the CLI's classes");
        Set<String> outside = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(Main.class.getName()));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!seen.add(name) || READING_ENGINE_CLASSES.contains(name)) continue;
            for (String target : graph.getOrDefault(name, Set.of())) {
                if (graph.containsKey(target)) todo.push(target);
                else if (!onClientClassPath(target)) outside.add(name + " -> " + target);
            }
        }
        assertTrue(outside.isEmpty(), "not on the client class path (add the jar to client.classpath in rgrid-cli/pom.xml, "
                + "or reach it only from shutdown or cache):\n" + String.join("\n", outside));
    }

    @Test
    void every_commands_signatures_are_on_the_client_class_path() throws ClassNotFoundException {
        Set<String> outside = new TreeSet<>();
        for (String name : graph.keySet()) {
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (!type.isAnnotationPresent(Command.class)) continue;
            List<Class<?>> used = new ArrayList<>();
            for (Field f : type.getDeclaredFields()) used.add(f.getType());
            for (Method m : type.getDeclaredMethods()) {
                used.add(m.getReturnType());
                used.addAll(List.of(m.getParameterTypes()));
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) used.addAll(List.of(c.getParameterTypes()));
            for (Class<?> u : used) {
                while (u.isArray()) u = u.getComponentType();
                if (!u.isPrimitive() && !graph.containsKey(u.getName()) && !onClientClassPath(u.getName())) {
                    outside.add(name + " uses " + u.getName());
                }
            }
        }
        assertTrue(outside.isEmpty(), "picocli reads these for --help, without the engine's classes:\n"
                + String.join("\n", outside));
    }

    /** Whether the class comes from the JDK or from one of the client's jars (a module's classes directory in a build). */
    private static boolean onClientClassPath(String name) {
        Class<?> type;
        try {
            type = Class.forName(name, false, ClientClassPathTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) return true; // the JDK's own
        return clientArtifacts.contains(artifact(source));
    }

    private static String artifact(CodeSource source) {
        try {
            Path location = Path.of(source.getLocation().toURI());
            // In a build, a module's classes or its jar in its target directory (named by finalName, versionless).
            Path module = location.getParent().getParent();
            if (location.getParent().getFileName().toString().equals("target") && Files.isRegularFile(module.resolve("pom.xml"))) {
                return artifactOfModule(module);
            }
            String file = location.getFileName().toString();
            Matcher m = VERSIONED_JAR.matcher(file);
            return m.matches() ? m.group(1) : file.replaceFirst("\\.jar$", "");
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The artifactId a module's pom declares for itself (the first after its parent's). */
    private static String artifactOfModule(Path module) throws IOException {
        String pom = Files.readString(module.resolve("pom.xml"));
        int afterParent = pom.indexOf("</parent>");
        Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(pom);
        return m.find(Math.max(0, afterParent)) ? m.group(1) : module.getFileName().toString();
    }

    private static Map<String, Set<String>> jdeps(Path classes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ToolProvider.findFirst("jdeps").orElseThrow().run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "-verbose:class", "-filter:none", classes.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        if (code != 0) throw new IllegalStateException("jdeps failed: " + err.toString(StandardCharsets.UTF_8) + text);
        Map<String, Set<String>> edges = new HashMap<>();
        Matcher m = EDGE.matcher(text);
        while (m.find()) edges.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(m.group(2));
        return edges;
    }
}
