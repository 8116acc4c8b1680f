package dev.rgrid.cli.output;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one way errors are written, to stderr:
 * <pre>
 * Error: Script file not found
 *   Value: nonexistent.py (looked for /home/a/nonexistent.py)
 *   Hint: Check the path and the current directory
 * </pre>
 * or, with {@code --json}, {@code {"error":{"code":..,"message":..,"value":..,"hint":..}}}.
 */
public final class ErrorReport {
    private ErrorReport() {}

    public static void print(PrintWriter err, Problem problem, boolean json) {
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", problem.code());
            body.put("message", problem.message());
            body.put("value", problem.value());
            body.put("hint", problem.hint());
            err.println(Json.compact(Map.of("error", body)));
        } else {
            err.println("Error: " + problem.message());
            if (problem.value() != null) err.println("  Value: " + problem.value());
            if (problem.hint() != null) err.println("  Hint: " + problem.hint());
        }
        err.flush();
    }

    /** Prints the problem a throwable stands for, and its stack trace when asked to. */
    public static void print(PrintWriter err, Throwable e, boolean json, boolean debug) {
        print(err, Problem.of(e), json);
        if (debug) {
            e.printStackTrace(err);
            err.flush();
        }
    }
}
