package dev.rgrid.worker.deps;

import dev.rgrid.core.model.Outcome;
import dev.rgrid.worker.exec.LogSink;
import dev.rgrid.worker.exec.StopSignal;

/** Runs pip or npm for a manifest in the runtime's own image, where the script will run. */
public interface Installer {

    /** The id of the image ({@code sha256:...}); it keys the cache, so a rebuilt image under the same tag gets fresh entries. */
    String imageId(String image);

    /**
     * Runs {@link InstallCommands#command} in {@code job.dir()} (the manifest files are there) with network, and
     * says how it ended; its output goes to {@code sink} line by line.
     */
    Outcome install(InstallJob job, LogSink sink, StopSignal stop);
}
