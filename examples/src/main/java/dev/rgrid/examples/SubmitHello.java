package dev.rgrid.examples;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.Limits;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Submits examples/hello.py through the Java SDK, prints its output as it comes, and exits with the
 * script's exit code.
 *
 * <pre>examples/run-sdk-example [script.py]</pre>
 */
public final class SubmitHello {
    private SubmitHello() {}

    public static void main(String[] args) throws Exception {
        Path script = Path.of(args.length > 0 ? args[0] : "examples/hello.py");
        ExecutionSpec spec = ExecutionSpec.builder(script.getFileName().toString(), Files.readAllBytes(script))
                .arg("from-the-sdk")
                .limits(Limits.DEFAULTS.withMemoryMb(256).withTimeout(Duration.ofSeconds(60)))
                .metadata("example", "sdk")
                .build();
        try (RGrid rgrid = RGrid.local()) {
            Execution execution = rgrid.submit(spec);
            System.out.println("submitted " + execution.id());
            rgrid.followLogs(execution.id(), LogQuery.all(), line -> System.out.println(line.text()));
            Execution done = rgrid.await(execution.id(), Duration.ofMinutes(2));
            System.out.println(done.status().label() + ": " + done.reason());
            System.exit(done.exitCode() == null ? 1 : done.exitCode());
        }
    }
}
