package dev.rgrid.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name, as recorded on the executions it runs. */
final class Nodes {
    private Nodes() {}

    static String localName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
