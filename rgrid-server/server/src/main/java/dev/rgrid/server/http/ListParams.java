package dev.rgrid.server.http;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.core.model.ExecutionStatus;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The query of {@code GET /api/v1/executions}: {@code status=a,b}, {@code metadata=k=v} (repeatable), limit, offset. */
final class ListParams {
    private ListParams() {}

    static ExecutionQuery query(String status, List<String> metadata, int limit, int offset) {
        try {
            return new ExecutionQuery(statuses(status), metadata(metadata), limit, offset);
        } catch (InvalidInputException e) {
            throw HttpProblem.badRequest(e.code().equals("invalid_offset") ? "offset" : "limit", e);
        }
    }

    static Set<ExecutionStatus> statuses(String text) {
        Set<ExecutionStatus> statuses = EnumSet.noneOf(ExecutionStatus.class);
        if (text == null || text.isBlank()) return statuses;
        for (String label : text.split(",")) {
            if (label.isBlank()) continue;
            ExecutionStatus s = ExecutionStatus.fromLabel(label);
            if (s == null) {
                throw HttpProblem.badRequest("status", "invalid_status", "Unknown status", label.trim(), "Use one or more of "
                        + Arrays.stream(ExecutionStatus.values()).map(ExecutionStatus::label).collect(Collectors.joining(", "))
                        + ", separated by commas");
            }
            statuses.add(s);
        }
        return statuses;
    }

    static Map<String, String> metadata(List<String> pairs) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw HttpProblem.badRequest("metadata", "invalid_metadata", "A metadata filter is not key=value", pair,
                        "Give metadata=team=ml; repeat the parameter for more pairs");
            }
            metadata.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return metadata;
    }
}
