package dev.rgrid.core.artifact;

import java.util.regex.Pattern;

/**
 * How objects are laid out: per owner, inputs content-addressed (so an input the owner already
 * uploaded is never uploaded again), outputs per execution.
 *
 * <pre>
 * owners/{owner}/inputs/sha256/{hex}
 * owners/{owner}/executions/{executionId}/outputs/{relative path}
 * </pre>
 */
public final class ObjectKeys {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ObjectKeys() {}

    public static String input(String owner, String sha256) {
        if (!SHA256.matcher(sha256).matches()) throw new IllegalArgumentException("not a sha256: " + sha256);
        return owner(owner) + "inputs/sha256/" + sha256;
    }

    public static String output(String owner, String executionId, String relativePath) {
        return execution(owner, executionId) + "outputs/" + relativePath;
    }

    /** The prefix of everything an execution owns: deleting the execution deletes it. */
    public static String execution(String owner, String executionId) {
        return owner(owner) + "executions/" + executionId + "/";
    }

    private static String owner(String owner) {
        return "owners/" + owner + "/";
    }
}
