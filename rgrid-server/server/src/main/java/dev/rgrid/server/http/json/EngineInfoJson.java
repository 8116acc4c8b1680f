package dev.rgrid.server.http.json;

import dev.rgrid.sdk.EngineInfo;

/** {@code GET /api/v1/info}: how the server runs scripts. */
public record EngineInfoJson(String isolation, String detail, String database) {
    public static EngineInfoJson of(EngineInfo info) {
        return new EngineInfoJson(info.isolation(), info.detail(), info.database());
    }
}
