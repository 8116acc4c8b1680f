package dev.rgrid.worker.files;

import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.RGridException;
import dev.rgrid.core.artifact.ArtifactStore;
import dev.rgrid.core.artifact.ObjectKeys;
import dev.rgrid.core.artifact.RelativePaths;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.FileKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a run's inputs where its script expects them, {@code data/x.csv} under the work directory, and
 * makes the empty output directory. Each input streams from the artifact store through a fixed buffer
 * into a temp file beside its place, its SHA-256 checked on the way, and is renamed into place only
 * when it matches. Links already in the work directory are never followed: a linked directory on the
 * way is refused, a link at the file's place is replaced. The container's user gets write access when
 * the run starts (the Docker executor hands the whole work directory over).
 */
public final class InputStager {
    private final ArtifactStore store;

    public InputStager(ArtifactStore store) {
        this.store = store;
    }

    /** Stages every input into {@code workDir} and makes {@code workDir/outputs}; returns where the inputs went. */
    public List<Path> stage(Path workDir, String owner, List<ExecutionFile> inputs) {
        SafeDirectories.ensure(workDir, OutputCollector.OUTPUT_DIR);
        List<Path> staged = new ArrayList<>();
        for (ExecutionFile input : inputs) {
            if (input.kind() != FileKind.INPUT) throw new IllegalArgumentException("not an input: " + input);
            staged.add(stageOne(workDir, owner, input));
        }
        return staged;
    }

    private Path stageOne(Path workDir, String owner, ExecutionFile input) {
        Path target = RelativePaths.resolveUnder(workDir, input.path());
        String parent = input.path().contains("/") ? input.path().substring(0, input.path().lastIndexOf('/')) : null;
        Path dir = parent == null ? workDir : SafeDirectories.ensure(workDir, parent);
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, ".rgrid-input-", ".part");
            DigestingCopy.Copied copied;
            try (InputStream in = fetch(owner, input); OutputStream out = Files.newOutputStream(temp)) {
                copied = DigestingCopy.copy(in, out);
            }
            if (!copied.sha256().equals(input.sha256())) throw mismatch(input, copied);
            // rename(2): replaces whatever is at the target, a link included, without following it
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            return target;
        } catch (IOException e) {
            throw new RGridException("input_staging_failed", "Input file " + input.path()
                    + " could not be written into the run's work directory", target.toString(),
                    "Check that the worker's work directory is on a local disk with room for the inputs", e);
        } finally {
            if (temp != null) deleteQuietly(temp);
        }
    }

    private InputStream fetch(String owner, ExecutionFile input) {
        try {
            return store.get(ObjectKeys.input(owner, input.sha256()));
        } catch (NotFoundException e) {
            throw new RGridException("input_missing", "Input file " + input.path() + " is not in the artifact store",
                    input.sha256(), "Upload the file again and start a new run", e);
        }
    }

    private static RGridException mismatch(ExecutionFile input, DigestingCopy.Copied copied) {
        return new RGridException("input_checksum_mismatch", "Input file " + input.path()
                + " does not match the checksum recorded at upload", "expected sha256 " + input.sha256() + " ("
                + input.size() + " bytes), got " + copied.sha256() + " (" + copied.bytes() + " bytes)",
                "The stored copy is damaged or incomplete: upload the file again and start a new run");
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // The work directory goes at the end of the run anyway.
        }
    }
}
