package dev.rgrid.server.command;

import dev.rgrid.core.auth.ApiKey;
import dev.rgrid.core.store.Database;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rgrid-server keys list}: every key, newest first; never a secret. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List API keys (never their secrets).")
final class KeysListCommand implements Callable<Integer> {
    private static final String ROW = "%-24s %-24s %-14s %-22s %-22s %s%n";

    @ParentCommand
    KeysCommand keys;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Database db = keys.open()) {
            List<ApiKey> all = db.apiKeys().list();
            PrintWriter out = spec.commandLine().getOut();
            out.printf(ROW, "NAME", "OWNER", "PREFIX", "CREATED", "LAST USED", "REVOKED");
            for (ApiKey k : all) {
                out.printf(ROW, k.name(), k.owner(), k.prefix(), time(k.createdAt()), time(k.lastUsedAt()), time(k.revokedAt()));
            }
            if (all.isEmpty()) out.println("No keys yet; create one with: rgrid-server keys create --name NAME");
            out.flush();
        }
        return ExitCodes.OK;
    }

    private static String time(Instant t) {
        return t == null ? "-" : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
