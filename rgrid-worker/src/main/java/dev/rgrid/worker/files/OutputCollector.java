package dev.rgrid.worker.files;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.artifact.ArtifactStore;
import dev.rgrid.core.artifact.FileLimits;
import dev.rgrid.core.artifact.ObjectKeys;
import dev.rgrid.core.artifact.StoredObject;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.FileKind;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.core.store.ExecutionFileStore;
import dev.rgrid.worker.exec.LogSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * After a run, whatever its outcome, uploads the regular files under {@code workDir/outputs} to the
 * artifact store, streamed, and records them as the execution's outputs. Links are never followed;
 * links, devices, FIFOs, sockets and files beyond the {@link FileLimits} are skipped, each with a
 * warning on the run's system log.
 */
public final class OutputCollector {
    /** The output directory, relative to the run's work directory; also what RGRID_OUTPUT_DIR names. */
    public static final String OUTPUT_DIR = "outputs";

    private final ArtifactStore store;
    private final ExecutionFileStore records;
    private final FileLimits limits;
    private final Clock clock;

    public OutputCollector(ArtifactStore store, ExecutionFileStore records, FileLimits limits, Clock clock) {
        this.store = store;
        this.records = records;
        this.limits = limits;
        this.clock = clock;
    }

    /** Uploads and records the outputs; returns them in path order. Store failures propagate. */
    public List<ExecutionFile> collect(Path workDir, String owner, String executionId, LogSink sink) {
        List<ExecutionFile> collected = new ArrayList<>();
        long total = 0;
        int beyondCount = 0;
        for (OutputWalk.Found found : walk(workDir, sink)) {
            String shown = OUTPUT_DIR + "/" + found.relative();
            if (found.size() > limits.maxFileBytes()) {
                warn(sink, Skips.overFileLimit(shown, found.size(), limits));
            } else if (collected.size() >= limits.maxOutputs()) {
                beyondCount++;
            } else if (total + found.size() > limits.maxRunBytes()) {
                warn(sink, Skips.overRunLimit(shown, found.size(), total, limits));
            } else {
                ExecutionFile file = upload(owner, executionId, found, shown, sink);
                if (file != null) {
                    collected.add(file);
                    total += file.size();
                }
            }
        }
        if (beyondCount > 0) warn(sink, Skips.overCount(beyondCount, limits));
        records.record(executionId, collected);
        return collected;
    }

    private List<OutputWalk.Found> walk(Path workDir, LogSink sink) {
        try {
            return OutputWalk.regularFiles(workDir.resolve(OUTPUT_DIR), OUTPUT_DIR, text -> warn(sink, text));
        } catch (IOException e) {
            throw new RGridException("outputs_unreadable", "The run's output directory could not be read",
                    workDir.resolve(OUTPUT_DIR).toString(), "Check the worker's work directory and its disk", e);
        }
    }

    private ExecutionFile upload(String owner, String executionId, OutputWalk.Found found, String shown, LogSink sink) {
        InputStream in;
        try {
            in = Files.newInputStream(found.file(), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            warn(sink, "Output skipped: " + shown + " could not be opened (" + e.getClass().getSimpleName() + ")");
            return null;
        }
        String key = ObjectKeys.output(owner, executionId, found.relative());
        String contentType = ContentTypes.of(found.file().getFileName().toString());
        try (in) {
            StoredObject stored = store.put(key, in, found.size(), contentType, null);
            return new ExecutionFile(FileKind.OUTPUT, shown, stored.size(), stored.sha256(), stored.contentType(),
                    stored.key(), clock.instant());
        } catch (IOException e) {
            throw new RGridException("output_upload_failed", "Output " + shown + " could not be read to the end",
                    found.file().toString(), "Check the worker's work directory and its disk", e);
        }
    }

    private void warn(LogSink sink, String text) {
        sink.line(LogStream.SYSTEM, clock.instant(), text);
    }
}
