package dev.rgrid.server.http.json;

/** {@code GET /api/v1/whoami}: the key's owner and name. */
public record WhoAmIJson(String owner, String keyName) {}
