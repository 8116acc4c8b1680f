package dev.rgrid.server.http;

/** One route the app serves: an HTTP method (upper case) and a path pattern such as {@code /api/v1/executions/{id}}. */
public record Route(String method, String path) {
    @Override
    public String toString() { return method + " " + path; }
}
