package dev.rgrid.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.wire.InputRefJson;
import dev.rgrid.core.wire.SpecJson;
import dev.rgrid.core.wire.WireJson;
import java.util.List;
import java.util.stream.Collectors;

/** Reads the {@code spec} part (JSON) of a submission and joins it with the {@code script} part. */
final class SpecParts {
    private static final String EXAMPLE = "{\"script_name\": \"hello.py\", \"runtime\": \"python3.11\", "
            + "\"limits\": {\"memory_mb\": 512, \"timeout_seconds\": 300}}";

    private SpecParts() {}

    /** A submission's spec and the uploaded inputs it names (checked by the caller). */
    record Parsed(ExecutionSpec spec, List<InputRefJson> inputs) {}

    /** The spec, validated by core; a refusal names the field at fault. */
    static Parsed read(String specJson, byte[] script) {
        if (specJson == null || specJson.isBlank()) {
            throw HttpProblem.badRequest("spec", "missing_part", "The spec part is missing", null,
                    "Send a multipart part named spec holding JSON like " + EXAMPLE);
        }
        if (script == null) {
            throw HttpProblem.badRequest("script", "missing_part", "The script part is missing", null,
                    "Send the script file as a multipart part named script");
        }
        SpecJson spec = parse(specJson);
        return new Parsed(spec.toSpec(script), spec.inputs());
    }

    private static SpecJson parse(String text) {
        try {
            SpecJson spec = WireJson.mapper().readValue(text, SpecJson.class);
            if (spec == null) throw new IllegalArgumentException("null");
            return spec;
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()))
                    .collect(Collectors.joining("."));
            throw HttpProblem.badRequest(path.isEmpty() ? "spec" : "spec." + path, "invalid_spec",
                    path.isEmpty() ? "The spec part is not a JSON object of the right shape" : "A spec field has the wrong type",
                    abbreviate(text), "Send JSON like " + EXAMPLE + " (" + firstLine(e.getOriginalMessage()) + ")");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw HttpProblem.badRequest("spec", "invalid_spec", "The spec part is not valid JSON", abbreviate(text),
                    "Send JSON like " + EXAMPLE);
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
