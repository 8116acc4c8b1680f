package dev.rgrid.worker.docker;

import dev.rgrid.core.RGridException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lets the container's user (65534) write the bind-mounted work directory. As root we hand it over
 * (chown); otherwise we cannot, and open it to everyone instead (directories 0777, files 0666).
 * Symbolic links are never followed, so a link in the work directory cannot reach outside it.
 */
final class WorkDirAccess {
    static final int CONTAINER_UID = 65534;
    private static final Set<PosixFilePermission> OPEN_DIR = PosixFilePermissions.fromString("rwxrwxrwx");

    private WorkDirAccess() {}

    static void grant(Path root) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw unusable(root, null);
        }
        try (Stream<Path> tree = Files.walk(root)) {
            boolean chown = tryChown(root);
            for (Path path : (Iterable<Path>) tree::iterator) {
                if (chown) chown(path);
                else open(path);
            }
        } catch (IOException e) {
            throw unusable(root, e);
        }
    }

    private static RGridException unusable(Path root, IOException cause) {
        return new RGridException("work_dir_unusable", "The run's work directory cannot be handed to the container",
                root.toString(), "Check that the worker's work directory exists and is on a local POSIX file system", cause);
    }

    private static boolean tryChown(Path root) throws IOException {
        try {
            chown(root);
            return true;
        } catch (FileSystemException e) {
            return false; // not root: chown is not allowed
        }
    }

    private static void chown(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", CONTAINER_UID, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", CONTAINER_UID, LinkOption.NOFOLLOW_LINKS);
    }

    private static void open(Path path) throws IOException {
        if (Files.isSymbolicLink(path)) return;
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(path, OPEN_DIR);
        } else {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            perms.add(PosixFilePermission.OTHERS_READ);
            perms.add(PosixFilePermission.OTHERS_WRITE);
            Files.setPosixFilePermissions(path, perms);
        }
    }
}
