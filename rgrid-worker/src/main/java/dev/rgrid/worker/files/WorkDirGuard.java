package dev.rgrid.worker.files;

import dev.rgrid.core.config.Quantities;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.worker.exec.StopSignal;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a run from filling its node's disk. The working directory is a bind mount of a host directory, which no
 * container limit bounds, so it is measured every interval, as the Kubernetes kubelet measures a pod's ephemeral
 * storage, and once the run has written more than its limit the run is stopped and fails, saying why. Sizes are the
 * files' apparent sizes (a sparse file counts in full); links are not followed; what cannot be read is skipped.
 */
public final class WorkDirGuard implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(WorkDirGuard.class);

    private final Path dir;
    private final long limitBytes;
    private final long baseline;
    private final Duration interval;
    private final StopSignal stop;
    private final Thread thread;
    private volatile long written;
    private volatile boolean tripped;
    private boolean closed;

    /** Starts measuring {@code dir} now: what is there (the script and its inputs) does not count. */
    public WorkDirGuard(Path dir, long limitBytes, Duration interval, StopSignal stop) {
        this.dir = dir;
        this.limitBytes = limitBytes;
        this.interval = interval;
        this.stop = stop;
        this.baseline = size(dir);
        this.thread = new Thread(this::loop, "rgrid-workdir-" + dir.getFileName());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Whether the run passed its limit and was stopped for it. */
    public boolean tripped() { return tripped; }

    /** The outcome of a run stopped for writing too much, in place of the cancel its stop would look like. */
    public Outcome outcome(Integer exitCode) {
        return new Outcome(ExecutionStatus.FAILED, "Disk limit exceeded: the run wrote " + Quantities.formatBytes(written) + " to its working "
                + "directory, over its limit of " + Quantities.formatBytes(limitBytes) + " (RGRID_MAX_WORKDIR_BYTES); write less, or raise the "
                + "limit on the node", exitCode);
    }

    private void loop() {
        while (pause()) {
            written = Math.max(0, size(dir) - baseline);
            if (written > limitBytes) {
                tripped = true;
                LOG.warn("{}: the run wrote {} to its working directory, over its limit of {}; stopping it", dir, Quantities.formatBytes(written),
                        Quantities.formatBytes(limitBytes));
                stop.trigger();
                return;
            }
        }
    }

    private synchronized boolean pause() {
        if (closed) return false;
        try {
            wait(interval.toMillis());
        } catch (InterruptedException e) {
            return false;
        }
        return !closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    static long size(Path dir) {
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) total[0] += attrs.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // removed meanwhile, or made unreadable by the script
                }
            });
        } catch (IOException e) {
            LOG.debug("Could not measure {}: {}", dir, e.getMessage());
        }
        return total[0];
    }
}
