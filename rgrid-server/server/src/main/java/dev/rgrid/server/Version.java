package dev.rgrid.server;

/** The server's version, from its jar's manifest; the build's version when run from classes. */
public final class Version {
    public static final String DEVELOPMENT = "0.1.0-SNAPSHOT";

    private Version() {}

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? DEVELOPMENT : v;
    }
}
