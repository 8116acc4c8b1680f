package dev.rgrid.worker.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.WaitResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a container to exit through the engine's long-poll, so the run learns of the exit at once
 * instead of polling. Can be waited on more than once: first up to the timeout, then again after a kill.
 */
final class ExitWatch extends ResultCallback.Adapter<WaitResponse> {
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();

    @Override
    public void onNext(WaitResponse response) {
        Integer code = response.getStatusCode();
        if (code != null) exitCode.complete(code);
        else exitCode.completeExceptionally(new IllegalStateException("the engine reported an exit without a code"));
    }

    @Override
    public void onError(Throwable error) {
        exitCode.completeExceptionally(error);
        closeQuietly();
    }

    @Override
    public void onComplete() {
        exitCode.completeExceptionally(new IllegalStateException("the engine ended the wait without an exit code"));
        closeQuietly();
    }

    /** The exit code, or null when the container is still running after {@code timeout}. */
    Integer await(Duration timeout) throws InterruptedException {
        try {
            return exitCode.get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw DockerErrors.translate("wait for the container to exit", null, e.getCause());
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception ignored) {
            // Nothing left to release.
        }
    }
}
