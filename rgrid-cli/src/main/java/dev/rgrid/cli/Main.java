package dev.rgrid.cli;

import dev.rgrid.cli.resident.EngineClassPath;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;

/** {@code rgrid}: runs one command against the embedded engine and exits with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // The engine logs through slf4j-simple: warnings only (docker-java's callback errors not even those),
        // everything with --debug. Decided here because it must be before any logger exists.
        boolean debug = Arrays.asList(args).contains("--debug");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.log.com.github.dockerjava", debug ? "debug" : "off");
        boolean engineClasses = Cli.readsEngineClasses(args) && EngineClassPath.separate();
        if (!engineClasses) JsonWarmUp.start(args);
        System.exit(engineClasses ? withEngineClasses(args) : run(args));
    }

    /** Runs one command in this class loader; its exit code. */
    public static int run(String[] args) {
        return Cli.forArguments(CliContext.fromSystem(), args).execute(args);
    }

    /**
     * Runs the command in a class loader of its own over this jar and the engine's class path: what {@code shutdown} and
     * {@code cache} read (the embedded database, the dependency cache) is not on the launcher's client-only class path.
     */
    private static int withEngineClasses(String[] args) {
        URL[] engine = EngineClassPath.urls();
        URL[] all = new URL[engine.length + 1];
        all[0] = Main.class.getProtectionDomain().getCodeSource().getLocation();
        System.arraycopy(engine, 0, all, 1, engine.length);
        try (URLClassLoader loader = new URLClassLoader("rgrid-with-engine", all, ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            return (int) loader.loadClass(Main.class.getName()).getMethod("run", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error error) throw error;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("The engine's classes could not be loaded from " + Arrays.toString(engine), e);
        }
    }
}
