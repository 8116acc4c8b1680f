package dev.rgrid.server.http.json;

/** {@code GET /}: the service's name and version. */
public record ServiceJson(String service, String version) {}
