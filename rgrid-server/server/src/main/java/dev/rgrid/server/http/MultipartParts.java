package dev.rgrid.server.http;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import jakarta.servlet.ServletException;
import java.io.IOException;
import org.eclipse.jetty.http.BadMessageException;
import java.util.function.Supplier;

/**
 * Reads a multipart request's parts through Javalin, turning a body that is not well-formed multipart (no or a wrong
 * boundary, cut short) into the client's error it is — 400 {@code invalid_multipart} — instead of the parser's
 * {@link IOException}, which Javalin's Kotlin code throws undeclared. A body over the size limit stays a 413
 * ({@link ErrorMapping}).
 */
final class MultipartParts {
    private MultipartParts() {}

    static UploadedFile file(Context ctx, String name) {
        return parsing(() -> ctx.uploadedFile(name));
    }

    static String field(Context ctx, String name) {
        return parsing(() -> ctx.formParam(name));
    }

    // The parser's IOException is thrown undeclared from Kotlin, hence the catch of Exception.
    private static <T> T parsing(Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalStateException | BadMessageException e) {
            // Jetty reports a part it cannot parse (a control character in its headers, say) as an IllegalStateException
            // around its parser's 400; one over the size limit likewise, which stays a 413.
            if (String.valueOf(e.getMessage()).contains("exceeds max")) throw e;
            throw invalid(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (!(e instanceof IOException) && !(e instanceof ServletException)) throw new IllegalStateException(e);
            throw invalid(e);
        }
    }

    private static HttpProblem invalid(Exception e) {
        return HttpProblem.badRequest("body", "invalid_multipart", "The request body is not valid multipart/form-data",
                e.getMessage(), "Send a complete multipart body whose parts are separated by the boundary the "
                        + "Content-Type names, with a spec part (JSON) and a script part (the file)");
    }
}
