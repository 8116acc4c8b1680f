package dev.rgrid.core.wire;

import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.Limits;
import java.util.List;
import java.util.Map;

/**
 * The {@code spec} part of {@code POST /api/v1/executions}; the script travels apart, as the
 * {@code script} part. Missing fields take their defaults; {@code inputs} names files uploaded before.
 */
public record SpecJson(String scriptName, List<String> args, String runtime, Map<String, String> env,
                       LimitsJson limits, Map<String, String> metadata, Boolean network, List<InputRefJson> inputs,
                       String requirements, Integer maxAttempts) {

    public SpecJson {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
    }

    public static SpecJson of(ExecutionSpec spec) {
        return new SpecJson(spec.scriptName(), spec.args(), spec.runtime(), spec.env(), LimitsJson.of(spec.limits()),
                spec.metadata(), spec.network(), List.of(), spec.requirements(), spec.maxAttempts());
    }

    /** This spec naming these uploaded input files. */
    public SpecJson withInputs(List<InputRefJson> refs) {
        return new SpecJson(scriptName, args, runtime, env, limits, metadata, network, refs, requirements, maxAttempts);
    }

    /** The spec with this script; {@link ExecutionSpec} validates every field. */
    public ExecutionSpec toSpec(byte[] script) {
        return ExecutionSpec.builder(scriptName == null ? "" : scriptName, script)
                .args(args == null ? List.of() : args)
                .runtime(runtime)
                .env(env == null ? Map.of() : env)
                .limits(limits == null ? Limits.DEFAULTS : limits.over(Limits.DEFAULTS))
                .metadata(metadata == null ? Map.of() : metadata)
                .network(Boolean.TRUE.equals(network))
                .requirements(requirements)
                .maxAttempts(maxAttempts == null ? ExecutionSpec.DEFAULT_MAX_ATTEMPTS : maxAttempts)
                .build();
    }
}
