package dev.rgrid.core.auth;

/** A key just created, with its secret: shown to the user once, then only its hash is kept. */
public record NewApiKey(ApiKey key, String secret) {}
