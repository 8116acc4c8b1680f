package dev.rgrid.cli.output;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rgrid.sdk.RuntimeInfo;

/** A runtime as {@code runtimes --json} shows it. */
public record RuntimeView(String name, String image, boolean present,
                          @JsonProperty("default") boolean isDefault, String description, String hint) {
    public static RuntimeView of(RuntimeInfo info, boolean isDefault) {
        return new RuntimeView(info.name(), info.image(), info.present(), isDefault, info.description(), info.hint());
    }
}
