package dev.rgrid.worker.docker;

import com.github.dockerjava.api.DockerClient;

/**
 * Two clients on one engine. Short commands (create, start, kill, inspect, remove) get a response
 * timeout, so a hung engine fails a run instead of blocking it forever; streams (attach, wait, pull)
 * get none, as they stay quiet for as long as a script does.
 */
record DockerConnection(DockerClient commands, DockerClient streams) implements AutoCloseable {
    @Override
    public void close() {
        DockerClients.closeQuietly(commands);
        DockerClients.closeQuietly(streams);
    }
}
