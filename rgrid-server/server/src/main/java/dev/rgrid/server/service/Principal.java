package dev.rgrid.server.service;

/** Who a request acts for: the owner of the API key it carried, and the key's name. */
public record Principal(String owner, String keyName) {}
