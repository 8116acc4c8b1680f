package dev.rgrid.sdk.remote.internal;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.wire.WireJson;
import dev.rgrid.sdk.remote.RemoteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Requests to {@code <url>/api/v1}, authenticated with the key: sent with retries of transient failures,
 * answers read as wire JSON, error answers thrown as {@link RGridException}s.
 */
final class Transport implements AutoCloseable {
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final RemoteOptions options;
    private final HttpClient client;
    private final Retrier retrier;
    private final String url;
    private ScheduledExecutorService timer;

    Transport(RemoteOptions options) {
        this.options = options;
        this.url = options.url().toString();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.retrier = new Retrier(options.retry(), options.listener(), url);
    }

    String url() { return url; }

    Retrier retrier() { return retrier; }

    java.time.Duration requestTimeout() { return options.requestTimeout(); }

    /** A request to {@code /api/v1} + {@code pathAndQuery}, with the key and the request timeout. */
    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(url + "/api/v1" + pathAndQuery))
                .timeout(options.requestTimeout())
                .header("Authorization", "Bearer " + options.apiKey())
                .header("Accept", "application/json")
                .header("User-Agent", "rgrid-sdk");
    }

    <T> T get(String pathAndQuery, Class<T> type) {
        return call(request(pathAndQuery).GET().build(), type);
    }

    /** Sends the request (the same one again on each retry) and reads a 2xx answer as {@code type}. */
    <T> T call(HttpRequest request, Class<T> type) {
        HttpResponse<byte[]> response = retrier.call(() -> {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (TransientStatusException.isTransient(r.statusCode())) throw transientError(r.statusCode(), r.body());
            return r;
        });
        if (response.statusCode() / 100 != 2) throw error(response.statusCode(), response.body());
        try {
            return WireJson.mapper().readValue(response.body(), type);
        } catch (IOException e) {
            throw new RGridException("bad_server_answer", "The RGrid server's answer cannot be read", request.uri().toString(),
                    "Check that the URL is an RGrid server of a matching version (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Opens a streamed answer, once; it is closed when silent for the stream idle timeout. Transient failures
     * are thrown as {@link IOException} for the caller to retry (it knows where to resume); other error answers
     * as {@link RGridException}.
     */
    InputStream open(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        if (status / 100 == 2) return new SilenceGuard(response.body(), options.streamIdleTimeout(), timer());
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ERROR_BODY);
        }
        if (TransientStatusException.isTransient(status)) throw transientError(status, body);
        throw error(status, body);
    }

    /**
     * Sends a request whose answer has no body to read (HEAD, an upload), with retries of transient failures;
     * returns the status when it is 2xx or one of {@code accepted}, else throws the server's error.
     */
    int exchange(HttpRequest request, int... accepted) {
        HttpResponse<byte[]> response = retrier.call(() -> {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (TransientStatusException.isTransient(r.statusCode())) throw transientError(r.statusCode(), r.body());
            return r;
        });
        int status = response.statusCode();
        if (status / 100 == 2) return status;
        for (int a : accepted) {
            if (a == status) return status;
        }
        throw error(status, response.body());
    }

    /**
     * Opens a download, with retries of transient failures. A redirect (to a presigned URL of the artifact
     * store) is followed here, without the API key: the key is for the RGrid server only.
     */
    InputStream download(HttpRequest request) {
        return retrier.call(() -> {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (status / 100 == 3 && response.headers().firstValue("Location").isPresent()) {
                response.body().close();
                URI target = request.uri().resolve(response.headers().firstValue("Location").get());
                HttpRequest plain = HttpRequest.newBuilder(target).timeout(options.requestTimeout())
                        .header("User-Agent", "rgrid-sdk").GET().build();
                response = client.send(plain, HttpResponse.BodyHandlers.ofInputStream());
                status = response.statusCode();
            }
            if (status / 100 == 2) return response.body();
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_ERROR_BODY);
            }
            if (TransientStatusException.isTransient(status)) throw transientError(status, body);
            throw error(status, body);
        });
    }

    private TransientStatusException transientError(int status, byte[] body) {
        return new TransientStatusException(status, ServerErrors.fromServer(status, body));
    }

    private synchronized ScheduledExecutorService timer() {
        if (timer == null || timer.isShutdown()) {
            timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "rgrid-stream-watchdog");
                thread.setDaemon(true);
                return thread;
            });
        }
        return timer;
    }

    @Override
    public synchronized void close() {
        if (timer != null) timer.shutdownNow();
    }

    private RGridException error(int status, byte[] body) {
        return ServerErrors.of(status, body, url, options.apiKey());
    }
}
