package dev.rgrid.server.http.json;

import dev.rgrid.sdk.RuntimeInfo;
import java.util.List;

/** {@code GET /api/v1/runtimes}. */
public record RuntimesJson(List<Runtime> runtimes) {
    public record Runtime(String name, String image, boolean present, boolean isDefault, String description, String hint) {
        static Runtime of(RuntimeInfo r) {
            return new Runtime(r.name(), r.image(), r.present(), r.isDefault(), r.description(), r.hint());
        }
    }

    public static RuntimesJson of(List<RuntimeInfo> runtimes) {
        return new RuntimesJson(runtimes.stream().map(Runtime::of).toList());
    }
}
