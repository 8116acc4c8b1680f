package dev.rgrid.server.testing;

import dev.rgrid.core.store.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one {@code rgrid-server} command (such as {@code db migrate}) as a process, to its end. */
final class ServerCommand {
    static final long TIMEOUT_SECONDS = 120;

    private ServerCommand() {}

    static CommandResult run(DatabaseUrl db, Map<String, String> env, String... args) {
        Path home = TempHomes.create();
        try {
            Path out = home.resolve("stdout");
            Path err = home.resolve("stderr");
            ProcessBuilder pb = new ProcessBuilder(JavaCommand.of(args)).redirectOutput(out.toFile()).redirectError(err.toFile());
            JavaCommand.environment(pb.environment(), db, home, env);
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException("rgrid-server " + String.join(" ", args) + " did not end within "
                        + TIMEOUT_SECONDS + " s");
            }
            return new CommandResult(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            TempHomes.delete(home);
        }
    }
}
