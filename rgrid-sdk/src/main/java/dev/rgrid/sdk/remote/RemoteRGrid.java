package dev.rgrid.sdk.remote;

import dev.rgrid.sdk.RGrid;

/**
 * An {@link RGrid} talking to an RGrid server over its HTTP API, as the key's owner; from
 * {@link RGrid#connect(String, String)}. Opening it contacts nothing: the first call does. Closing it
 * leaves the server and its runs alone.
 */
public interface RemoteRGrid extends RGrid {

    /** The server's base URL, as the requests use it ({@code http://rgrid.example.com:8080}). */
    String url();

    /** Who the server takes the key for; refused keys fail with the code {@code unauthorized}. */
    WhoAmI whoami();
}
