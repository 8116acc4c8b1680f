package dev.rgrid.server.http;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.core.wire.AttemptJson;
import dev.rgrid.core.wire.DeletionJson;
import dev.rgrid.core.wire.ExecutionJson;
import dev.rgrid.core.wire.ProvisionedServerJson;
import dev.rgrid.core.wire.ScaleEventJson;
import dev.rgrid.core.wire.WorkerNodeJson;
import dev.rgrid.sdk.Deletion;
import dev.rgrid.engine.Engine;
import dev.rgrid.server.http.json.ExecutionPageJson;
import dev.rgrid.server.service.Submission;
import dev.rgrid.server.service.SubmissionService;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Create, read, list, cancel and delete executions, always as the key's owner. */
final class ExecutionController {
    static final int SCALE_EVENTS_DEFAULT = 50;
    static final int SCALE_EVENTS_MAX = 1000;
    /** The longest a blocking status read holds its request, below common proxy timeouts. */
    static final long MAX_WAIT_SECONDS = 60;

    private final Engine engine;
    private final SubmissionService submissions;
    private final FileController files;

    ExecutionController(Engine engine, SubmissionService submissions, FileController files) {
        this.engine = engine;
        this.submissions = submissions;
        this.files = files;
    }

    void create(Context ctx) {
        if (!ctx.isMultipartFormData()) {
            throw HttpProblem.badRequest("Content-Type", "not_multipart", "The request must be multipart/form-data",
                    ctx.contentType(), "Send a spec part (JSON) and a script part (the file)");
        }
        byte[] spec = part(ctx, "spec");
        SpecParts.Parsed parsed = SpecParts.read(spec == null ? null : new String(spec, StandardCharsets.UTF_8),
                part(ctx, "script"));
        String owner = Requests.owner(ctx);
        Submission submission = submissions.submit(owner, parsed.spec(), ctx.header("Idempotency-Key"),
                files.inputs(owner, parsed.spec().scriptName(), parsed.inputs()));
        ctx.status(submission.created() ? 201 : 200).json(ExecutionJson.of(submission.execution()));
    }

    /** With {@code wait=N} (seconds), answers once the execution has ended or N seconds have passed. */
    void get(Context ctx) {
        String owner = Requests.owner(ctx);
        String id = ctx.pathParam("id");
        long wait = Requests.longParam(ctx, "wait", 0, 0, MAX_WAIT_SECONDS);
        Execution execution = wait == 0 ? engine.status(owner, id) : engine.await(owner, id, Duration.ofSeconds(wait));
        ctx.json(ExecutionJson.of(execution));
    }

    void list(Context ctx) {
        int limit = Requests.intParam(ctx, "limit", ExecutionQuery.DEFAULT_LIMIT, 1, ExecutionQuery.MAX_LIMIT);
        int offset = Requests.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE - ExecutionQuery.MAX_LIMIT - 1);
        // One more than asked tells whether another page follows.
        int fetch = Math.min(limit + 1, ExecutionQuery.MAX_LIMIT);
        ExecutionQuery query = ListParams.query(ctx.queryParam("status"), ctx.queryParams("metadata"), fetch, offset);
        List<Execution> found = engine.list(Requests.owner(ctx), query);
        boolean more = fetch > limit ? found.size() > limit : found.size() == limit;
        List<ExecutionJson> page = found.stream().limit(limit).map(ExecutionJson::of).toList();
        ctx.json(new ExecutionPageJson(page, limit, offset, more ? offset + limit : null));
    }

    void delete(Context ctx) {
        Deletion deleted = engine.delete(Requests.owner(ctx), ctx.pathParam("id"));
        ctx.json(new DeletionJson(deleted.id(), deleted.outputs(), deleted.inputs()));
    }

    /** The cluster's nodes: shared by every owner (they hold no one's data), like the runtimes. */
    void workers(Context ctx) {
        ctx.json(new WorkerNodeJson.Listing(engine.workers().stream().map(WorkerNodeJson::of).toList()));
    }

    void servers(Context ctx) {
        Instant now = Instant.now();
        ctx.json(new ProvisionedServerJson.Listing(engine.servers(Engine.SERVERS_LISTED).stream()
                .map(s -> ProvisionedServerJson.of(s, now)).toList()));
    }

    void scaleEvents(Context ctx) {
        int limit = Requests.intParam(ctx, "limit", SCALE_EVENTS_DEFAULT, 1, SCALE_EVENTS_MAX);
        ctx.json(new ScaleEventJson.Listing(engine.scaleEvents(limit).stream().map(ScaleEventJson::of).toList()));
    }

    void attempts(Context ctx) {
        ctx.json(new AttemptJson.Listing(engine.attempts(Requests.owner(ctx), ctx.pathParam("id")).stream()
                .map(AttemptJson::of).toList()));
    }

    void cancel(Context ctx) {
        ctx.json(ExecutionJson.of(engine.cancel(Requests.owner(ctx), ctx.pathParam("id"))));
    }

    /** A part's bytes, whether it came as a file or as a plain form field; null when absent. */
    private static byte[] part(Context ctx, String name) {
        UploadedFile file = MultipartParts.file(ctx, name);
        if (file != null) {
            try (InputStream in = file.content()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String field = MultipartParts.field(ctx, name);
        return field == null ? null : field.getBytes(StandardCharsets.UTF_8);
    }
}
