package dev.rgrid.server.command;

import dev.rgrid.core.auth.ApiKey;
import dev.rgrid.core.store.Database;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rgrid-server keys revoke NAME_OR_ID}: the key stops working at once. */
@Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API key; it stops working at once.")
final class KeysRevokeCommand implements Callable<Integer> {
    @ParentCommand
    KeysCommand keys;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME_OR_ID", description = "The key's name or id.")
    String nameOrId;

    @Override
    public Integer call() {
        try (Database db = keys.open()) {
            ApiKey revoked = db.apiKeys().revoke(nameOrId, Instant.now());
            spec.commandLine().getOut().println("Revoked API key '" + revoked.name() + "' (id " + revoked.id()
                    + ", owner " + revoked.owner() + "); it no longer works.");
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }
}
