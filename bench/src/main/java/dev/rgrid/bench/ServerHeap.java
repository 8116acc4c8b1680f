package dev.rgrid.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The server JVM's retained heap (used after a full collection) through remote JMX on loopback, sampled
 * every second on a background thread; its peak growth over the first sample. Start the server with
 * {@link #jvmOptions} in {@code JAVA_TOOL_OPTIONS}.
 */
final class ServerHeap implements AutoCloseable {
    private static final long SAMPLE_EVERY_MS = 1000;

    private final JMXConnector connector;
    private final MemoryMXBean memory;
    private final long baseline;
    private final Thread sampler;
    private volatile long peakGrowth;

    private ServerHeap(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.memory = ManagementFactory.newPlatformMXBeanProxy(connector.getMBeanServerConnection(),
                ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        this.baseline = usedAfterGc();
        this.sampler = new Thread(this::sampleUntilClosed, "server-heap");
        sampler.setDaemon(true);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String jvmOptions(int port) {
        return "-Dcom.sun.management.jmxremote.port=" + port + " -Dcom.sun.management.jmxremote.rmi.port=" + port
                + " -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false"
                + " -Djava.rmi.server.hostname=127.0.0.1";
    }

    /** Connects and starts sampling. */
    static ServerHeap watch(int port) throws IOException {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        ServerHeap heap = new ServerHeap(JMXConnectorFactory.connect(url));
        heap.sampler.start();
        return heap;
    }

    long peakGrowthBytes() { return peakGrowth; }

    private void sampleUntilClosed() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                peakGrowth = Math.max(peakGrowth, usedAfterGc() - baseline);
                Thread.sleep(SAMPLE_EVERY_MS); // the sampling period
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the server went away: the samples so far stand
        }
    }

    private long usedAfterGc() {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() throws IOException {
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connector.close();
        }
    }
}
