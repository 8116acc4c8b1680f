package dev.rgrid.engine.scale;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A new worker's user data: the project's cloud-init ({@code infra/deploy/cloud-init-worker.yaml}, packaged with the
 * engine) with its {@code {{...}}} values filled in. Every value must be given and stay on one line: a value that is
 * missing or would break the YAML is refused before any server is asked for.
 */
public final class WorkerUserData {
    /** Hetzner's limit on a server's user data. */
    public static final int MAX_BYTES = 32 * 1024;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");
    private static final String TEMPLATE = read();

    private WorkerUserData() {}

    /** The template as packaged, with its placeholders. */
    public static String template() {
        return TEMPLATE;
    }

    public static String render(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(TEMPLATE);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) throw new IllegalArgumentException("cloud-init value " + m.group(1) + " is not given");
            if (value.isBlank() || value.contains("\n") || value.contains("{{")) {
                throw new IllegalArgumentException("cloud-init value " + m.group(1) + " must be one non-blank line: " + value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        if (out.toString().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("the worker's user data is over " + MAX_BYTES + " bytes");
        }
        return out.toString();
    }

    private static String read() {
        try (InputStream in = WorkerUserData.class.getResourceAsStream("cloud-init-worker.yaml")) {
            if (in == null) throw new IllegalStateException("cloud-init-worker.yaml is not packaged with the engine");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
