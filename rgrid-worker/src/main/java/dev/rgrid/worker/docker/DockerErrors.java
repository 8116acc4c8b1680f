package dev.rgrid.worker.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns docker-java's exceptions into {@link ContainerEngineException}s that say what to do. */
final class DockerErrors {
    /** docker-java's wording of an engine error: {@code Status 500: {"message":"..."}}. */
    private static final Pattern ENGINE_MESSAGE = Pattern.compile("Status \\d+: \\{\"message\":\"(.*)\"}\\s*", Pattern.DOTALL);
    static final String CHECK_ENGINE = "Check that the Docker engine is running (`docker info`) and retry";

    private DockerErrors() {}

    /** {@code action} completes "Docker failed to ...", such as "create the container". */
    static ContainerEngineException translate(String action, String value, Throwable error) {
        if (error instanceof ContainerEngineException known) return known;
        if (isUnreachable(error)) {
            return new ContainerEngineException(ContainerEngineException.UNREACHABLE,
                    "The Docker engine stopped answering while trying to " + action, value, CHECK_ENGINE, error);
        }
        return new ContainerEngineException(ContainerEngineException.FAILED,
                "Docker failed to " + action + ": " + firstLine(error), value, CHECK_ENGINE, error);
    }

    static ContainerEngineException imageVanished(String image, NotFoundException error) {
        return new ContainerEngineException(ContainerEngineException.IMAGE_MISSING,
                "The image disappeared from this machine before the run started", image,
                "Build or pull the image again on this node, then retry", error);
    }

    static boolean isUnreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException) return true;
        }
        return false;
    }

    /** The first line of the innermost message, which is where docker-java keeps the engine's own words. */
    static String firstLine(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage();
        if (message == null || message.isBlank()) message = error.getMessage();
        if (message == null || message.isBlank()) return root.getClass().getSimpleName();
        Matcher engine = ENGINE_MESSAGE.matcher(message.strip());
        String trimmed = engine.matches() ? engine.group(1).replace("\\\"", "\"") : message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
