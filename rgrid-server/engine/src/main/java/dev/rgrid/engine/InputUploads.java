package dev.rgrid.engine;

import dev.rgrid.core.StoreException;
import dev.rgrid.core.artifact.ArtifactStore;
import dev.rgrid.core.artifact.Sha256;
import dev.rgrid.core.artifact.FileLimits;
import dev.rgrid.core.artifact.ObjectKeys;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.FileKind;
import dev.rgrid.core.model.InputFile;
import dev.rgrid.sdk.TransferListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a spec's input files to the artifact store, content-addressed per owner: a file whose SHA-256
 * the store already holds for this owner is not sent again. Checked against the file limits before
 * anything is sent. Streams: memory stays flat whatever the size.
 */
final class InputUploads {

    private final ArtifactStore store;
    private final FileLimits limits;
    private final Clock clock;

    InputUploads(ArtifactStore store, FileLimits limits, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.clock = clock;
    }

    /** Refuses inputs over the limits, naming the file and the setting to raise. */
    void check(ExecutionSpec spec) {
        long total = 0;
        for (InputFile input : spec.inputs()) {
            long size = size(input);
            limits.checkInput(input.source().toString(), size);
            total += size;
        }
        limits.checkInputsTotal(total);
    }

    /** Uploads what the store lacks; returns the records to keep with the execution. */
    List<ExecutionFile> upload(String owner, ExecutionSpec spec, TransferListener progress) {
        List<ExecutionFile> files = new ArrayList<>();
        for (InputFile input : spec.inputs()) {
            long size = size(input);
            String sha256 = sha256(input);
            String key = ObjectKeys.input(owner, sha256);
            String type = contentType(input);
            if (store.stat(key).isPresent()) {
                progress.skipped(input.path(), size);
            } else {
                progress.started(input.path(), size);
                try (InputStream in = new ProgressStream(Files.newInputStream(input.source()), input.path(), progress)) {
                    store.put(key, in, size, type, sha256);
                } catch (IOException e) {
                    throw unreadable(input, e);
                }
                progress.finished(input.path());
            }
            files.add(new ExecutionFile(FileKind.INPUT, input.path(), size, sha256, type, key, clock.instant()));
        }
        return files;
    }

    private static long size(InputFile input) {
        try {
            return Files.size(input.source());
        } catch (IOException e) {
            throw unreadable(input, e);
        }
    }

    private static String sha256(InputFile input) {
        try {
            return Sha256.ofFile(input.source());
        } catch (IOException e) {
            throw unreadable(input, e);
        }
    }

    private static String contentType(InputFile input) {
        try {
            String type = Files.probeContentType(input.source());
            return type != null ? type : "application/octet-stream";
        } catch (IOException e) {
            return "application/octet-stream";
        }
    }

    private static StoreException unreadable(InputFile input, IOException e) {
        return new StoreException("An input file could not be read", input.source().toString(),
                "Check that it exists and is readable", e);
    }
}
