package dev.rgrid.server;

import java.util.Map;

/**
 * The server process logs to stderr: its own lines at info, libraries only when something needs attention.
 * Set as system properties before the first logger exists, so the server jar carries no logging file that
 * would reach other programs' classpaths; a {@code -D} on the command line still wins.
 */
public final class Logging {
    private static final Map<String, String> DEFAULTS = Map.of(
            "org.slf4j.simpleLogger.showDateTime", "true",
            "org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ",
            "org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn",
            "org.slf4j.simpleLogger.log.org.flywaydb", "warn",
            "org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn",
            "org.slf4j.simpleLogger.log.io.javalin", "warn",
            "org.slf4j.simpleLogger.log.io.ray", "warn",
            "org.slf4j.simpleLogger.log.com.github.dockerjava", "off",
            // Ray's Log4j would otherwise announce that it runs beside a servlet container, at every start.
            "log4j2.isWebapp", "false");

    private Logging() {}

    public static void configure() {
        DEFAULTS.forEach((key, value) -> {
            if (System.getProperty(key) == null) System.setProperty(key, value);
        });
    }
}
