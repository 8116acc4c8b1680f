package dev.rgrid.sdk.remote;

/** The owner an API key acts for and the key's name, as the server knows them. */
public record WhoAmI(String owner, String keyName) {}
