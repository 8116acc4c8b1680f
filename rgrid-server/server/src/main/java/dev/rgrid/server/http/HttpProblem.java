package dev.rgrid.server.http;

import dev.rgrid.core.RGridException;

/** A request refused at the HTTP edge, with its status and the request field at fault. */
public final class HttpProblem extends RGridException {
    private final int status;
    private final String field;

    private HttpProblem(int status, String field, String code, String what, String value, String hint) {
        super(code, what, value, hint);
        this.status = status;
        this.field = field;
    }

    public static HttpProblem badRequest(String field, String code, String what, String value, String hint) {
        return new HttpProblem(400, field, code, what, value, hint);
    }

    /** An {@link dev.rgrid.core.InvalidInputException} (or any RGrid error) blamed on one request field. */
    public static HttpProblem badRequest(String field, RGridException cause) {
        return new HttpProblem(400, field, cause.code(), cause.what(), cause.value(), cause.hint());
    }

    public static HttpProblem unauthorized(String what, String hint) {
        return new HttpProblem(401, null, "unauthorized", what, null, hint);
    }

    public static HttpProblem tooLarge(long limitBytes, String value) {
        return new HttpProblem(413, null, "request_too_large", "The request is larger than the server accepts ("
                + limitBytes + " bytes)", value, "Send a smaller script; the limit is RGRID_MAX_REQUEST_BYTES on the server");
    }

    /** A file upload over the per-file limit. */
    public static HttpProblem fileTooLarge(long limitBytes, String value) {
        return new HttpProblem(413, "Content-Length", "file_too_large", "The file is larger than the server accepts ("
                + limitBytes + " bytes)", value, "Send a smaller file; the limit is RGRID_MAX_FILE_BYTES on the server");
    }

    /** A file upload without its length. */
    public static HttpProblem lengthRequired() {
        return new HttpProblem(411, "Content-Length", "length_required", "The upload has no Content-Length", null,
                "Send the file's size in bytes as Content-Length (not chunked)");
    }

    /** A method the route does not take. */
    public static HttpProblem methodNotAllowed(String method, String path) {
        return new HttpProblem(405, null, "method_not_allowed", "This route does not take " + method, path,
                "See GET /api/v1/openapi.yaml for the methods each route takes");
    }

    public int status() { return status; }

    public String field() { return field; }
}
