package dev.rgrid.server.resident;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.wire.WireJson;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * What a home's resident engine tells the commands that talk to it, in {@code $RGRID_HOME/engine.json}: where it
 * listens, the secret it takes, which build and settings it runs. The file is created readable by its user alone
 * (never widened afterwards), so no other user of the machine can learn the secret, hence submit or read.
 *
 * @param instance  this start's own id: a later start writes another, which tells this one to retire
 * @param processStart when its process started, as the system tells it: with the pid, which process it is (a pid
 *                  alone may have been reused by now)
 * @param identity  the build and settings it runs ({@link EngineIdentity}); a command whose own differ replaces it
 */
public record EngineRecord(String instance, long pid, Instant processStart, String host, int port, String identity,
                           String version, Instant startedAt, String secret) {
    public static final String FILE = "engine.json";

    public String url() { return "http://" + host + ":" + port; }

    /** Whether the process that wrote this record still runs: that pid, started at that moment. */
    public boolean alive() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(p -> p.info().startInstant())
                .map(processStart::equals)
                .orElse(false);
    }

    public static Path file(Path home) { return home.resolve(FILE); }

    /** The record in {@code home}, if there is a readable one; a torn or foreign file reads as none. */
    public static Optional<EngineRecord> read(Path home) {
        try {
            return Optional.of(WireJson.mapper().readValue(Files.readAllBytes(file(home)), EngineRecord.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (Files.exists(file(home)) && !Files.isReadable(file(home))) {
                throw new RGridException("engine_record_unreadable", "This RGrid home's engine file is not readable by you",
                        file(home).toString(), "Use an RGrid home of your own (RGRID_HOME), or run as the user who owns it");
            }
            return Optional.empty();
        }
    }

    /** Writes it in place of what is there, atomically: a reader sees the old record or this one, whole. */
    public void write(Path home) {
        Path target = file(home);
        Path temp = home.resolve(FILE + "." + instance + ".tmp");
        try {
            Files.createDirectories(home);
            Files.deleteIfExists(temp);
            // Created with its permissions, not narrowed afterwards: no moment when another user could open it.
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temp, WireJson.mapper().writeValueAsBytes(this));
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new RGridException("engine_record_unwritable", "Cannot write the resident engine's file", target.toString(),
                    "Check that the RGrid home is writable by you", e);
        }
    }

    /** Removes the record if it is still this start's (a later start's record is left alone). */
    public void removeIfCurrent(Path home) {
        if (read(home).map(r -> r.instance().equals(instance)).orElse(false)) {
            try {
                Files.deleteIfExists(file(home));
            } catch (IOException e) {
                // Left behind, it names a process that is gone: the next command sees that and starts another.
            }
        }
    }
}
