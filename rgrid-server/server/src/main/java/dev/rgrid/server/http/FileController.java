package dev.rgrid.server.http;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.artifact.ArtifactStore;
import dev.rgrid.core.artifact.FileLimits;
import dev.rgrid.core.artifact.InputPlaces;
import dev.rgrid.core.artifact.ObjectKeys;
import dev.rgrid.core.artifact.RelativePaths;
import dev.rgrid.core.artifact.StoredObject;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.FileKind;
import dev.rgrid.core.wire.InputRefJson;
import dev.rgrid.core.wire.OutputJson;
import dev.rgrid.engine.Engine;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Input files in (content-addressed per owner, streamed to the artifact store) and outputs out (listed,
 * then streamed or redirected to a presigned URL), always as the key's owner.
 */
final class FileController {
    /** How long a presigned output URL stays valid. */
    static final Duration PRESIGN_EXPIRY = Duration.ofMinutes(15);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER = 64 * 1024;

    private final Engine engine;
    private final ArtifactStore store;
    private final FileLimits limits;
    private final Clock clock;

    FileController(Engine engine, FileLimits limits, Clock clock) {
        this.engine = engine;
        this.store = engine.artifacts();
        this.limits = limits;
        this.clock = clock;
    }

    /** 200 when the owner has uploaded this content, else 404 (another owner's uploads are not seen). */
    void headInput(Context ctx) {
        String key = ObjectKeys.input(Requests.owner(ctx), sha256(ctx));
        ctx.status(store.stat(key).isPresent() ? 200 : 404);
    }

    /** Streams the body to the store (never held whole); 201 stored, 200 already there, 400 checksum mismatch. */
    void putInput(Context ctx) {
        String sha256 = sha256(ctx);
        long length = ctx.req().getContentLengthLong();
        if (length < 0) throw HttpProblem.lengthRequired();
        if (length > limits.maxFileBytes()) throw HttpProblem.fileTooLarge(limits.maxFileBytes(), length + " bytes");
        String key = ObjectKeys.input(Requests.owner(ctx), sha256);
        if (store.stat(key).isPresent()) {
            drain(ctx);
            ctx.status(200);
            return;
        }
        String type = ctx.contentType();
        try (InputStream in = ctx.bodyInputStream()) {
            store.put(key, in, length, type == null || type.isBlank() ? "application/octet-stream" : type, sha256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.status(201);
    }

    /**
     * The uploaded inputs a submission names, checked: safe paths that clash with neither the script nor each other
     * (core's one rule, {@link InputPlaces}), each present for the owner, of the stated size.
     */
    List<ExecutionFile> inputs(String owner, String scriptName, List<InputRefJson> refs) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            InputRefJson ref = refs.get(i);
            String field = "spec.inputs." + i;
            if (ref == null) throw HttpProblem.badRequest(field, "invalid_input", "An input is null", null, "Give {path, sha256, size}");
            try {
                paths.add(RelativePaths.requireSafe(ref.path()));
            } catch (InvalidInputException e) {
                throw HttpProblem.badRequest(field + ".path", e);
            }
        }
        InputPlaces.Clash clash = InputPlaces.firstClash(scriptName, paths);
        if (clash != null) throw HttpProblem.badRequest("spec.inputs." + clash.index() + ".path", clash.error());
        List<ExecutionFile> files = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < refs.size(); i++) {
            InputRefJson ref = refs.get(i);
            String field = "spec.inputs." + i;
            String path = paths.get(i);
            if (ref.sha256() == null || !SHA256.matcher(ref.sha256()).matches()) {
                throw HttpProblem.badRequest(field + ".sha256", "invalid_sha256", "The input's sha256 is not valid", ref.sha256(),
                        "Give the lower-case hex SHA-256 of the content (64 characters)");
            }
            String key = ObjectKeys.input(owner, ref.sha256());
            Optional<StoredObject> stored = store.stat(key);
            if (stored.isEmpty()) {
                throw HttpProblem.badRequest(field, "input_not_uploaded", "The input " + path + " has not been uploaded",
                        ref.sha256(), "Upload it first: PUT /api/v1/inputs/" + ref.sha256() + " with the file as the body");
            }
            if (ref.size() == null || ref.size() != stored.get().size()) {
                throw HttpProblem.badRequest(field + ".size", "input_size_mismatch", "The input " + path
                        + " has another size than the uploaded content (" + stored.get().size() + " bytes)",
                        String.valueOf(ref.size()), "Give the file's size in bytes");
            }
            total += stored.get().size();
            files.add(new ExecutionFile(FileKind.INPUT, path, stored.get().size(), ref.sha256(),
                    stored.get().contentType() == null ? "application/octet-stream" : stored.get().contentType(), key,
                    clock.instant()));
        }
        try {
            limits.checkInputsTotal(total);
        } catch (InvalidInputException e) {
            throw HttpProblem.badRequest("spec.inputs", e);
        }
        return files;
    }

    void outputs(Context ctx) {
        List<OutputJson> outputs = engine.outputs(Requests.owner(ctx), ctx.pathParam("id")).stream().map(OutputJson::of).toList();
        ctx.json(new OutputJson.Listing(outputs));
    }

    /** One output: a redirect to a presigned URL when the store offers one, else the content, streamed. */
    void output(Context ctx) {
        String path;
        try {
            path = RelativePaths.requireSafe(ctx.pathParam("path"));
        } catch (InvalidInputException e) {
            throw HttpProblem.badRequest("path", e);
        }
        ExecutionFile file = engine.outputs(Requests.owner(ctx), ctx.pathParam("id")).stream()
                .filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new NotFoundException("output", path));
        Optional<URI> presigned = store.presignedGet(file.objectKey(), PRESIGN_EXPIRY);
        if (presigned.isPresent()) {
            ctx.redirect(presigned.get().toString(), io.javalin.http.HttpStatus.FOUND);
            return;
        }
        ctx.status(200);
        ctx.contentType(file.contentType());
        ctx.header("Content-Length", Long.toString(file.size()));
        try (InputStream in = store.get(file.objectKey()); OutputStream out = ctx.res().getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Context ctx) {
        String sha256 = ctx.pathParam("sha256");
        if (!SHA256.matcher(sha256).matches()) {
            throw HttpProblem.badRequest("sha256", "invalid_sha256", "The sha256 in the path is not valid", sha256,
                    "Give the lower-case hex SHA-256 of the content (64 characters)");
        }
        return sha256;
    }

    /** Reads and drops the body, so the connection can serve the next request. */
    private static void drain(Context ctx) {
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] buffer = new byte[BUFFER];
            while (in.read(buffer) != -1) {
                // dropped
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
