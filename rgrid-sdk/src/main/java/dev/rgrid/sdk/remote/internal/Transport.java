package dev.rgrid.sdk.remote.internal;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.wire.WireJson;
import dev.rgrid.sdk.remote.RemoteOptions;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;

/**
 * Requests to {@code <url>/api/v1}, authenticated with the key: sent with retries of transient failures,
 * answers read as wire JSON, error answers thrown as {@link RGridException}s.
 *
 * <p>Over {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: that client keeps a selector thread in
 * native code, and a JVM exits only after waiting 300 ms for threads in native code, so every CLI command paid
 * 0.3 s to exit (and 0.25 s more to build the TLS context it builds eagerly, and 0.2 s of class loading). This
 * one blocks on the calling thread, keeps idle connections in the JDK's keep-alive cache, and makes TLS only
 * for an {@code https} URL. A stream's idle timeout is its read timeout.
 */
final class Transport implements AutoCloseable {
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final RemoteOptions options;
    private final Retrier retrier;
    private final String url;

    Transport(RemoteOptions options) {
        this.options = options;
        this.url = options.url().toString();
        this.retrier = new Retrier(options.retry(), options.listener(), url, options.unreachableHint());
    }

    String url() { return url; }

    Retrier retrier() { return retrier; }

    Duration requestTimeout() { return options.requestTimeout(); }

    /** A request to {@code /api/v1} + {@code pathAndQuery}, with the key and the request timeout. */
    Request.Builder request(String pathAndQuery) {
        return Request.builder(URI.create(url + "/api/v1" + pathAndQuery), options.requestTimeout())
                .header("Authorization", "Bearer " + options.apiKey())
                .header("Accept", "application/json")
                .header("User-Agent", "rgrid-sdk");
    }

    <T> T get(String pathAndQuery, Class<T> type) {
        return call(request(pathAndQuery).GET().build(), type);
    }

    /** Sends the request (the same one again on each retry) and reads a 2xx answer as {@code type}. */
    <T> T call(Request request, Class<T> type) {
        Answer answer = retrier.call(() -> whole(request));
        if (answer.status() / 100 != 2) throw error(answer.status(), answer.body());
        try {
            return WireJson.mapper().readValue(answer.body(), type);
        } catch (IOException e) {
            throw new RGridException("bad_server_answer", "The RGrid server's answer cannot be read", request.uri().toString(),
                    "Check that the URL is an RGrid server of a matching version (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Opens a streamed answer, once; a read fails once the stream has been silent for the stream idle timeout.
     * Transient failures are thrown as {@link IOException} for the caller to retry (it knows where to resume);
     * other error answers as {@link RGridException}.
     */
    InputStream open(Request request) throws IOException {
        return streamed(send(request, options.streamIdleTimeout()));
    }

    /**
     * Sends a request whose answer has no body to read (HEAD, an upload), with retries of transient failures;
     * returns the status when it is 2xx or one of {@code accepted}, else throws the server's error.
     */
    int exchange(Request request, int... accepted) {
        Answer answer = retrier.call(() -> whole(request));
        int status = answer.status();
        if (status / 100 == 2) return status;
        for (int a : accepted) {
            if (a == status) return status;
        }
        throw error(status, answer.body());
    }

    /**
     * Opens a download, with retries of transient failures. A redirect (to a presigned URL of the artifact
     * store) is followed here, without the API key: the key is for the RGrid server only.
     */
    InputStream download(Request request) {
        return retrier.call(() -> {
            HttpURLConnection connection = send(request, options.streamIdleTimeout());
            String location = connection.getHeaderField("Location");
            if (connection.getResponseCode() / 100 == 3 && location != null) {
                errorBody(connection); // read to the end, so the connection can serve again
                Request plain = Request.builder(request.uri().resolve(location), options.requestTimeout())
                        .header("User-Agent", "rgrid-sdk").GET().build();
                connection = send(plain, options.streamIdleTimeout());
            }
            return streamed(connection);
        });
    }

    /** A 2xx answer's body as a stream that fails once silent; another answer thrown as transient or as the error. */
    private InputStream streamed(HttpURLConnection connection) throws IOException {
        int status = connection.getResponseCode();
        if (status / 100 == 2) return new IdleAware(connection.getInputStream(), options.streamIdleTimeout());
        byte[] body = errorBody(connection);
        if (TransientStatusException.isTransient(status)) throw transientError(status, body);
        throw error(status, body);
    }

    /** One attempt: the request sent, the whole answer read (so its connection goes back to the keep-alive cache). */
    private Answer whole(Request request) throws IOException {
        HttpURLConnection connection = send(request, request.timeout());
        int status = connection.getResponseCode();
        byte[] body;
        if (status / 100 == 2) {
            try (InputStream in = connection.getInputStream()) {
                body = in.readAllBytes();
            }
        } else {
            body = errorBody(connection);
        }
        if (TransientStatusException.isTransient(status)) throw transientError(status, body);
        return new Answer(status, body);
    }

    private HttpURLConnection send(Request request, Duration readTimeout) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) request.uri().toURL().openConnection();
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout(millis(options.connectTimeout()));
        connection.setReadTimeout(millis(readTimeout));
        connection.setRequestMethod(request.method());
        request.headers().forEach(connection::setRequestProperty);
        Body body = request.body();
        if (body != null) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length());
            try (OutputStream out = connection.getOutputStream()) {
                body.writeTo(out);
            } catch (IOException e) {
                // A server that refuses a body (too large) may answer and close before taking all of it: its answer,
                // when there is one, says more than the broken pipe does.
                if (answered(connection)) return connection;
                throw e;
            }
        }
        return connection;
    }

    private static boolean answered(HttpURLConnection connection) {
        try {
            return connection.getResponseCode() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** An error answer's body, at most {@link #MAX_ERROR_BODY} bytes; empty when it has none. */
    private static byte[] errorBody(HttpURLConnection connection) throws IOException {
        InputStream in = connection.getErrorStream();
        if (in == null) {
            try {
                in = connection.getInputStream();
            } catch (IOException e) {
                return new byte[0];
            }
        }
        try (InputStream body = in) {
            byte[] read = body.readNBytes(MAX_ERROR_BODY);
            body.transferTo(OutputStream.nullOutputStream()); // drain, so the connection can be kept
            return read;
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private TransientStatusException transientError(int status, byte[] body) {
        return new TransientStatusException(status, ServerErrors.fromServer(status, body));
    }

    @Override
    public void close() {
        // Nothing held: idle connections live in the JDK's keep-alive cache, which closes them itself.
    }

    private RGridException error(int status, byte[] body) {
        return ServerErrors.of(status, body, url, options.apiKey());
    }

    private record Answer(int status, byte[] body) {}

    /** A stream whose read timeout says, when it strikes, that the connection went silent. */
    private static final class IdleAware extends FilterInputStream {
        private final Duration idle;

        IdleAware(InputStream in, Duration idle) {
            super(in);
            this.idle = idle;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (SocketTimeoutException e) {
                throw silent(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (SocketTimeoutException e) {
                throw silent(e);
            }
        }

        private IOException silent(SocketTimeoutException e) {
            return new IOException("nothing received for " + idle.toMillis() + " ms", e);
        }
    }
}
