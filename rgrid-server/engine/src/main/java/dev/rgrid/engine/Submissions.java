package dev.rgrid.engine;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.artifact.InputPlaces;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.InputFile;
import dev.rgrid.core.runtime.RuntimeCatalogue;
import dev.rgrid.core.runtime.RuntimeEntry;
import dev.rgrid.core.store.Created;
import dev.rgrid.core.store.ExecutionStore;
import dev.rgrid.sdk.TransferListener;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one path of every submission, from the SDK in process or through a server: the checks (runtime known and
 * present, inputs in distinct places, the manifest among them), the inputs, the record, the start.
 */
final class Submissions {
    private final RuntimeCatalogue catalogue;
    private final ResolvedRuntimes resolved;
    private final InputUploads uploads;
    private final ExecutionStore store;
    private final QueueClaims claims;
    private final boolean start;
    private final Clock clock;

    /** @param start whether a recorded run is claimed and dispatched at once (off: recorded only) */
    Submissions(RuntimeCatalogue catalogue, ResolvedRuntimes resolved, InputUploads uploads, ExecutionStore store,
                QueueClaims claims, boolean start, Clock clock) {
        this.catalogue = catalogue;
        this.resolved = resolved;
        this.uploads = uploads;
        this.store = store;
        this.claims = claims;
        this.start = start;
        this.clock = clock;
    }

    /** With the inputs the spec carries, uploaded (what the store already holds for this owner is not sent again). */
    Created submit(String owner, ExecutionSpec spec, String idempotencyKey, TransferListener progress) {
        requireManifestAmong(spec, spec.inputs().stream().map(InputFile::path).toList());
        return record(owner, spec, idempotencyKey, () -> {
            uploads.check(spec);
            return uploads.upload(owner, spec, progress);
        });
    }

    /** With inputs already in the artifact store (sent through a server), recorded as they are; the caller checked them. */
    Created submitUploaded(String owner, ExecutionSpec spec, String idempotencyKey, List<ExecutionFile> inputs) {
        List<ExecutionFile> uploaded = List.copyOf(inputs);
        List<String> paths = uploaded.stream().map(ExecutionFile::path).toList();
        // The same rule the spec applies to inputs it carries: none may replace the script, none share a place.
        InputPlaces.requireDistinct(spec.scriptName(), paths);
        requireManifestAmong(spec, paths);
        return record(owner, spec, idempotencyKey, () -> uploaded);
    }

    /** The dependency manifest travels as an input file: one the run would not have is refused before anything is sent. */
    private static void requireManifestAmong(ExecutionSpec spec, List<String> inputPaths) {
        if (spec.requirements() != null && !inputPaths.contains(spec.requirements())) {
            throw new InvalidInputException("requirements_not_an_input",
                    "The dependency manifest is not among the run's input files", spec.requirements(),
                    "Send the file with the run (rgrid run finds requirements.txt or package.json beside the script; "
                            + "or use --requirements FILE)");
        }
    }

    private Created record(String owner, ExecutionSpec spec, String idempotencyKey, Supplier<List<ExecutionFile>> inputFiles) {
        RuntimeEntry runtime = catalogue.resolve(spec.runtime());
        catalogue.command(runtime, spec.scriptName(), spec.args());
        resolved.check(runtime);
        List<ExecutionFile> inputs = inputFiles.get();
        // One transaction for the execution and its input rows: a claimer never sees it without its inputs.
        Created created = store.create(spec, owner, idempotencyKey, inputs, clock.instant());
        if (!created.inserted() || !start) return created;
        String id = created.execution().id();
        claims.dispatchNow(id);
        return new Created(store.get(id), true);
    }
}
