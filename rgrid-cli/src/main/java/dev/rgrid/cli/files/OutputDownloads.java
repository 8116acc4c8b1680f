package dev.rgrid.cli.files;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.RGridException;
import dev.rgrid.core.artifact.RelativePaths;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.TransferListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Writes an execution's outputs into a local directory: {@code outputs/sub/b.txt} lands at {@code DIR/sub/b.txt}.
 * Each path from the engine is checked before anything is written, and nothing is written outside the directory.
 * A file already there is never overwritten: the output is saved next to it as {@code result (1).csv} (the first
 * free number). Each file is streamed to a temporary file, checked against its recorded size and SHA-256, and
 * only then given its name.
 */
public final class OutputDownloads {
    /** What outputs are called under the run's working directory; stripped locally. */
    public static final String PREFIX = "outputs/";
    private static final int MAX_RENAMES = 10_000;

    private final RGrid rgrid;
    private final String id;
    private final Path dir;
    private final TransferListener progress;

    /**
     * @param dir the directory to write into, absolute; created when missing
     */
    public OutputDownloads(RGrid rgrid, String id, Path dir, TransferListener progress) {
        this.rgrid = rgrid;
        this.id = id;
        this.dir = dir.toAbsolutePath().normalize();
        this.progress = progress;
    }

    /**
     * One output written.
     *
     * @param target where it was written
     * @param wanted where it would have been written had nothing been there; equal to target unless renamed
     */
    public record Saved(ExecutionFile file, Path target, Path wanted) {
        public boolean renamed() { return !target.equals(wanted); }
    }

    /** Where {@code file} goes under the directory, checked; refused with {@code unsafe_path} when it would leave it. */
    public Path placeOf(ExecutionFile file) {
        String path = RelativePaths.requireSafe(file.path());
        String local = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
        return RelativePaths.resolveUnder(dir, local);
    }

    /** Downloads every file, in order; the places of all are checked before the first is written. */
    public List<Saved> download(List<ExecutionFile> files) {
        List<Path> places = files.stream().map(this::placeOf).toList();
        List<Saved> saved = new ArrayList<>(files.size());
        try {
            Files.createDirectories(dir);
            Path realDir = dir.toRealPath();
            for (int i = 0; i < files.size(); i++) saved.add(downloadOne(files.get(i), places.get(i), realDir));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write outputs under " + dir + ": " + e.getMessage(), e);
        }
        return saved;
    }

    private Saved downloadOne(ExecutionFile file, Path wanted, Path realDir) throws IOException {
        Path parent = wanted.getParent();
        Files.createDirectories(parent);
        if (!parent.toRealPath().startsWith(realDir)) {
            throw new InvalidInputException("unsafe_path", "An output would be written outside the download directory "
                    + "(a link in the way)", parent.toString(), "Remove the link, or choose another directory");
        }
        // Not Files.createTempFile: its owner-only permissions would stay on the output; these follow the umask.
        Path part = parent.resolve(".rgrid-" + UUID.randomUUID() + ".part");
        try {
            fetch(file, part);
            Path target = wanted;
            for (int n = 1; ; n++) {
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.move(part, target);
                        return new Saved(file, target, wanted);
                    } catch (FileAlreadyExistsException raced) {
                        // Taken since the check: try the next name.
                    }
                }
                if (n > MAX_RENAMES) {
                    throw new InvalidInputException("output_exists", "Too many files with this name already",
                            wanted.toString(), "Clear out the download directory, or choose another one");
                }
                target = numbered(wanted, n);
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private void fetch(ExecutionFile file, Path part) throws IOException {
        MessageDigest sha256 = sha256();
        long done = 0;
        progress.started(file.path(), file.size());
        try (InputStream in = rgrid.openOutput(id, file.path());
             OutputStream out = new DigestOutputStream(Files.newOutputStream(part, StandardOpenOption.CREATE_NEW,
                     StandardOpenOption.WRITE), sha256)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                done += n;
                progress.progressed(file.path(), done);
            }
        }
        progress.finished(file.path());
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (done != file.size() || !actual.equalsIgnoreCase(file.sha256())) {
            throw new RGridException("output_corrupt", "A downloaded output does not match its record (" + done
                    + " bytes, sha256 " + actual + "; recorded " + file.size() + " bytes, sha256 " + file.sha256() + ")",
                    file.path(), "Download it again with rgrid download " + id + " " + file.path());
        }
    }

    /** {@code result.csv} → {@code result (n).csv}; {@code notes} → {@code notes (n)}; {@code .env} → {@code .env (n)}. */
    static Path numbered(Path wanted, int n) {
        String name = wanted.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot > 0 ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot)
                : name + " (" + n + ")";
        return wanted.resolveSibling(numbered);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
