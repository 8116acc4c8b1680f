package dev.rgrid.sdk.remote.internal;

import dev.rgrid.core.wire.ExecutionJson;
import dev.rgrid.core.wire.LogLineJson;
import dev.rgrid.sdk.RuntimeInfo;
import java.util.List;

/** The API's list answers, as the wire JSON names them. */
final class Pages {
    private Pages() {}

    record ExecutionPage(List<ExecutionJson> executions, int limit, int offset, Integer nextOffset) {}

    record LogPage(List<LogLineJson> lines, long lastSeq, String executionStatus, boolean ended) {}

    record RuntimeList(List<RuntimeInfo> runtimes) {}
}
