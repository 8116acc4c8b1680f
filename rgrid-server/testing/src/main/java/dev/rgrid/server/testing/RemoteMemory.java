package dev.rgrid.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The heap of another JVM on this machine, through remote JMX on loopback. Start that JVM with
 * {@link #jvmOptions} (for a server: in {@code JAVA_TOOL_OPTIONS}), then {@link #connect} to the same port.
 *
 * <pre>
 * int port = RemoteMemory.freePort();
 * ServerProcess server = ServerProcess.start(db, Map.of("JAVA_TOOL_OPTIONS", RemoteMemory.jvmOptions(port)));
 * try (RemoteMemory jvm = RemoteMemory.connect(port)) { new HeapWatch(jvm.memory()) ... }
 * </pre>
 */
public final class RemoteMemory implements AutoCloseable {
    private final JMXConnector connector;
    private final MemoryMXBean memory;

    private RemoteMemory(JMXConnector connector, MemoryMXBean memory) {
        this.connector = connector;
        this.memory = memory;
    }

    /** A port free now, for the JMX connector (registry and RMI on the same one). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JVM options that open JMX without authentication or TLS on loopback, {@code port} only. */
    public static String jvmOptions(int port) {
        return "-Dcom.sun.management.jmxremote.port=" + port
                + " -Dcom.sun.management.jmxremote.rmi.port=" + port
                + " -Dcom.sun.management.jmxremote.authenticate=false"
                + " -Dcom.sun.management.jmxremote.ssl=false"
                + " -Djava.rmi.server.hostname=127.0.0.1";
    }

    public static RemoteMemory connect(int port) {
        JMXServiceURL url;
        JMXConnector connector = null;
        try {
            url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
            connector = JMXConnectorFactory.connect(url);
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(connector.getMBeanServerConnection(),
                    ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
            return new RemoteMemory(connector, memory);
        } catch (IOException e) {
            closeQuietly(connector);
            throw new UncheckedIOException("no JMX connection to 127.0.0.1:" + port, e);
        }
    }

    /** A proxy of the remote JVM's memory bean: {@code gc()} and {@code getHeapMemoryUsage()} run there. */
    public MemoryMXBean memory() { return memory; }

    @Override
    public void close() {
        closeQuietly(connector);
    }

    private static void closeQuietly(JMXConnector connector) {
        if (connector == null) return;
        try {
            connector.close();
        } catch (IOException e) {
            // the remote JVM is gone already
        }
    }
}
