package dev.rgrid.core.artifact.internal;

import dev.rgrid.core.StoreException;
import dev.rgrid.core.artifact.S3Settings;
import io.minio.errors.ErrorResponseException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;

/** Turns what the MinIO client throws into a {@link StoreException} that says what to check. */
final class S3Errors {
    private static final Set<String> CREDENTIALS = Set.of("AccessDenied", "InvalidAccessKeyId",
            "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken");

    private S3Errors() {}

    static boolean isNotFound(Exception e) {
        return e instanceof ErrorResponseException response
                && Set.of("NoSuchKey", "NoSuchObject", "ResourceNotFound").contains(response.errorResponse().code());
    }

    static StoreException wrap(String what, String value, S3Settings settings, Exception e) {
        return new StoreException(what, value, hint(settings, e), e);
    }

    private static String hint(S3Settings settings, Exception e) {
        String where = "s3://" + settings.bucket() + " at " + settings.endpoint();
        if (e instanceof ErrorResponseException response) {
            String code = response.errorResponse().code();
            if (CREDENTIALS.contains(code)) {
                return "The S3 server refused the credentials (" + code + "); check RGRID_S3_ACCESS_KEY and "
                        + "RGRID_S3_SECRET_KEY for " + where;
            }
            if ("NoSuchBucket".equals(code)) return "The bucket is gone from " + where + "; restart to create it again";
            return "The S3 server answered " + code + ": " + response.errorResponse().message() + " (" + where + ")";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof SocketTimeoutException) {
                return "The S3 server cannot be reached (" + t + "); check RGRID_S3_ENDPOINT and that "
                        + settings.endpoint() + " is up";
            }
        }
        return "Check RGRID_S3_ENDPOINT and the server's health (" + e + "; " + where + ")";
    }
}
