package dev.rgrid.sdk.remote.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Paths and query values of the API, encoded. */
final class Paths {
    private Paths() {}

    static String execution(String id) {
        return "/executions/" + encode(id);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
