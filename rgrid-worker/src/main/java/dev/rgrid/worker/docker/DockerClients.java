package dev.rgrid.worker.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Builds docker-java clients on the zerodep transport only: the httpclient5 transport breaks inside Ray
 * workers, whose ray_dist.jar carries an older httpcore5 ahead of ours (see DESIGN.md).
 */
final class DockerClients {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    static final int MAX_CONNECTIONS = 64;

    private DockerClients() {}

    static DockerConnection open(String dockerHost) {
        return new DockerConnection(build(dockerHost, CONNECT_TIMEOUT, COMMAND_TIMEOUT),
                build(dockerHost, CONNECT_TIMEOUT, null));
    }

    /** Pings the engine, all of it bounded by about {@code timeout}; throws when it does not answer. */
    static void ping(String dockerHost, Duration timeout) {
        DockerClient probe;
        try {
            probe = build(dockerHost, timeout, timeout);
        } catch (RuntimeException e) {
            throw unreachable(dockerHost, e);
        }
        try {
            probe.pingCmd().exec();
        } catch (RuntimeException e) {
            throw unreachable(dockerHost, e);
        } finally {
            closeQuietly(probe);
        }
    }

    private static ContainerEngineException unreachable(String dockerHost, RuntimeException e) {
        return new ContainerEngineException(ContainerEngineException.UNREACHABLE,
                "No Docker engine answers at this address (" + DockerErrors.firstLine(e) + ")", dockerHost,
                "Start the Docker engine (dockerd) or point RGrid at it (DOCKER_HOST); "
                        + "without one, scripts run as plain processes without isolation", e);
    }

    static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException ignored) {
            // Closing a client whose engine is gone can fail; nothing is left to release then.
        }
    }

    private static DockerClient build(String dockerHost, Duration connectTimeout, Duration responseTimeout) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .build();
        ZerodepDockerHttpClient.Builder http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(dockerHost))
                .sslConfig(config.getSSLConfig())
                .maxConnections(MAX_CONNECTIONS)
                .connectionTimeout(connectTimeout);
        if (responseTimeout != null) http.responseTimeout(responseTimeout);
        return DockerClientImpl.getInstance(config, http.build());
    }
}
