package dev.rgrid.core.store;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.config.ConfigValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location, from a JDBC URL ({@code jdbc:postgresql://host:5432/db?user=u&password=p}) or
 * the URL form existing deployments use ({@code postgresql://u:p@host:5432/db}, also
 * {@code postgres://} and {@code postgresql+asyncpg://}).
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    public static DatabaseUrl parse(ConfigValue raw) {
        String text = raw.value().trim();
        if (text.startsWith("jdbc:postgresql:")) return new DatabaseUrl(text, null, null);
        String rest = stripScheme(text);
        if (rest == null) throw bad(raw);
        try {
            URI uri = new URI("postgresql://" + rest);
            if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) throw bad(raw);
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : null;
            }
            int port = uri.getPort() == -1 ? 5432 : uri.getPort();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath() + query, user, password);
        } catch (URISyntaxException e) {
            throw bad(raw);
        }
    }

    /** The URL without its password, for messages and logs. */
    public String redacted() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***") + (user != null ? " (user " + user + ")" : "");
    }

    private static String stripScheme(String text) {
        for (String scheme : new String[] {"postgresql+asyncpg://", "postgresql+psycopg2://", "postgresql+psycopg://",
                "postgresql://", "postgres://"}) {
            if (text.startsWith(scheme)) return text.substring(scheme.length());
        }
        return null;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static InvalidInputException bad(ConfigValue raw) {
        String shown = raw.value().replaceAll(":[^:@/]*@", ":***@");
        return new InvalidInputException("invalid_database_url", "The database URL from " + raw.source() + " is not valid",
                shown, "Give jdbc:postgresql://host:5432/rgrid?user=rgrid&password=secret "
                        + "or postgresql://rgrid:secret@host:5432/rgrid");
    }
}
