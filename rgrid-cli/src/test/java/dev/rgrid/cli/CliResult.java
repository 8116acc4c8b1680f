package dev.rgrid.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** What one `rgrid ...` invocation printed and exited with. */
public record CliResult(int exitCode, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode outJson() { return parse(out); }

    public JsonNode errJson() { return parse(err); }

    /** JSON Lines on stdout, one object per line. */
    public List<JsonNode> outJsonLines() {
        return out.lines().filter(l -> !l.isBlank()).map(CliResult::parse).toList();
    }

    public List<String> outLines() { return out.lines().toList(); }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }
}
