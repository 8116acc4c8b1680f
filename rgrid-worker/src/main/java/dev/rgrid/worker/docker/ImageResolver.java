package dev.rgrid.worker.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.runtime.RuntimeEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the image for a runtime: one already here first, else a bounded pull from a registry. */
final class ImageResolver {
    private static final Logger log = LoggerFactory.getLogger(ImageResolver.class);
    static final String MISSING = "runtime_image_missing";

    static final Duration PRESENT_FOR = Duration.ofSeconds(30);

    private final Map<String, Long> seenPresent = new ConcurrentHashMap<>();
    private final DockerClient client;
    private final DockerClient streams;
    private final Duration pullTimeout;

    ImageResolver(DockerConnection docker, Duration pullTimeout) {
        this.client = docker.commands();
        this.streams = docker.streams();
        this.pullTimeout = pullTimeout;
    }

    String resolve(RuntimeEntry runtime) {
        List<String> images = runtime.images();
        for (String image : images) {
            if (isPresent(image)) return image;
        }
        RuntimeException pullFailure = null;
        String registryImage = runtime.registryImage();
        if (registryImage != null) {
            try {
                pull(registryImage);
                if (isPresent(registryImage)) return registryImage;
            } catch (RuntimeException e) {
                log.info("Could not pull {}: {}", registryImage, DockerErrors.firstLine(e));
                pullFailure = e;
            }
        }
        InvalidInputException missing = missing(runtime, images);
        if (pullFailure != null) missing.addSuppressed(pullFailure);
        throw missing;
    }

    /**
     * Whether the engine has the image. A yes is remembered for {@link #PRESENT_FOR} (a node runs the same
     * images over and over; an image removed meanwhile fails its run's create with the engine's own words).
     */
    boolean isPresent(String image) {
        Long until = seenPresent.get(image);
        if (until != null && System.nanoTime() - until < 0) return true;
        try {
            client.inspectImageCmd(image).exec();
            seenPresent.put(image, System.nanoTime() + PRESENT_FOR.toNanos());
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw DockerErrors.translate("inspect the image", image, e);
        }
    }

    private void pull(String image) {
        String reference = hasTagOrDigest(image) ? image : image + ":latest";
        QuietPull pull = streams.pullImageCmd(reference).exec(new QuietPull());
        try {
            if (!pull.awaitCompletion(pullTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no answer within " + pullTimeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (pull.failure != null) throw pull.failure;
    }

    /** A failed pull is an expected answer where no registry is reachable: reported once, not logged as an error. */
    private static final class QuietPull extends PullImageResultCallback {
        private volatile RuntimeException failure;

        @Override
        public void onError(Throwable error) {
            failure = error instanceof RuntimeException runtime ? runtime : new IllegalStateException(error);
            onComplete();
        }
    }

    static boolean hasTagOrDigest(String image) {
        if (image.contains("@")) return true;
        int slash = image.lastIndexOf('/');
        return image.indexOf(':', slash + 1) >= 0;
    }

    private static InvalidInputException missing(RuntimeEntry runtime, List<String> tried) {
        String images = String.join(", ", tried);
        if (runtime.isExplicitImage()) {
            return new InvalidInputException(MISSING, "The image " + runtime.name() + " is not on this machine",
                    images, "Pull it on this node (docker pull " + runtime.name() + "), or check the image name");
        }
        String hint = "Build it with infra/images/build.sh " + runtime.name()
                + (runtime.registryImage() == null ? "" : ", or pull " + runtime.registryImage() + " where a registry is reachable");
        return new InvalidInputException(MISSING, "The image for runtime " + runtime.name() + " is not on this machine",
                images, hint);
    }
}
