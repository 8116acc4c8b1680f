package dev.rgrid.worker.deps.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The locks that keep one cache entry consistent across threads and processes on this machine. Each key
 * has a lock file with two one-byte regions: region 0 is held exclusively while an entry is checked,
 * installed or removed (so one process installs and the others wait), region 1 is held shared by every
 * process that uses the entry (so eviction, which needs it exclusively, only takes entries nobody uses).
 *
 * <p>A file lock belongs to the whole JVM: a second channel in the same JVM asking for an overlapping
 * region gets {@link OverlappingFileLockException}, not a wait. So the threads of this JVM meet first at
 * one in-memory gate per lock file, shared by every cache object — the one static map here, because the
 * thing it guards is itself process-wide.
 */
public final class KeyLocks {
    private static final ConcurrentHashMap<Path, KeyState> STATES = new ConcurrentHashMap<>();

    private KeyLocks() {}

    /** Something to do while holding the install region: make sure the entry is ready. */
    @FunctionalInterface
    public interface Check {
        void run() throws IOException;
    }

    /** One use of an entry; closing it lets the entry be evicted again once no one else uses it. */
    public static final class Use implements AutoCloseable {
        private final KeyState state;
        private boolean closed;

        private Use(KeyState state) { this.state = state; }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) return;
                closed = true;
            }
            state.release();
        }
    }

    /**
     * Waits for the key's install region, runs {@code ensureReady} unless this JVM already uses the entry
     * (then it is ready and cannot be evicted), and returns a use of it.
     */
    public static Use acquire(Path lockFile, Check ensureReady) throws IOException {
        KeyState state = state(lockFile);
        state.gate.lock();
        try {
            if (state.users > 0) {
                state.users++;
                return new Use(state);
            }
            FileChannel channel = open(lockFile);
            try {
                FileLock install = channel.lock(0, 1, false);
                try {
                    ensureReady.run();
                    state.useLock = channel.lock(1, 1, true);
                } finally {
                    install.release();
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            state.channel = channel;
            state.users = 1;
            return new Use(state);
        } finally {
            state.gate.unlock();
        }
    }

    /** Runs {@code remove} if nobody here or elsewhere installs or uses the entry now; says whether it ran. */
    public static boolean tryRemove(Path lockFile, Check remove) throws IOException {
        KeyState state = state(lockFile);
        if (!state.gate.tryLock()) return false;
        try {
            if (state.users > 0) return false;
            try (FileChannel channel = open(lockFile); FileLock install = channel.tryLock(0, 1, false)) {
                if (install == null) return false;
                try (FileLock use = channel.tryLock(1, 1, false)) {
                    if (use == null) return false;
                    remove.run();
                    return true;
                }
            }
        } finally {
            state.gate.unlock();
        }
    }

    /** Whether a run here or in another process uses the entry now. */
    public static boolean inUse(Path lockFile) {
        KeyState state = state(lockFile);
        if (!state.gate.tryLock()) return true;
        try {
            if (state.users > 0) return true;
            try (FileChannel channel = open(lockFile); FileLock use = channel.tryLock(1, 1, false)) {
                return use == null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            state.gate.unlock();
        }
    }

    private static KeyState state(Path lockFile) {
        return STATES.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new KeyState());
    }

    private static FileChannel open(Path lockFile) throws IOException {
        return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static final class KeyState {
        final ReentrantLock gate = new ReentrantLock();
        int users;
        FileChannel channel;
        FileLock useLock;

        void release() {
            gate.lock();
            try {
                if (--users > 0) return;
                try {
                    useLock.release();
                    channel.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    useLock = null;
                    channel = null;
                }
            } finally {
                gate.unlock();
            }
        }
    }
}
