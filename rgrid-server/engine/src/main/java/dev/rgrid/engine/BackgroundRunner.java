package dev.rgrid.engine;

import dev.rgrid.core.RGridException;
import dev.rgrid.engine.LocalOptions.Dispatch;
import dev.rgrid.engine.Engine;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs queued executions of the embedded engine after the command that queued them has exited, the way
 * `rgrid run --detach` needs: one background runner per RGrid home at a time (a file lock serialises
 * them, so a runner about to go idle never strands a run queued at that moment: the next one waits
 * for the lock and drains after it), each exiting once nothing is queued or running for a while.
 */
public final class BackgroundRunner {
    public static final Duration DEFAULT_IDLE = Duration.ofSeconds(5);
    static final String LOCK_FILE = "runner.lock";

    private BackgroundRunner() {}

    /** Blocks until this process holds the home's runner lock, then drains the queue until idle. */
    public static void drain(LocalOptions options, Duration idle) {
        Path home = options.sources().home();
        try {
            Files.createDirectories(home);
            try (FileChannel channel = new RandomAccessFile(home.resolve(LOCK_FILE).toFile(), "rw").getChannel();
                 FileLock ignored = channel.lock();
                 Engine engine = Engine.open(options.toBuilder().dispatch(Dispatch.ALL).build())) {
                engine.drain(idle);
            }
        } catch (IOException e) {
            throw new RGridException("runner_lock", "Cannot take the background runner's lock", home.resolve(LOCK_FILE).toString(),
                    "Check that the RGrid home is writable", e);
        }
    }
}
