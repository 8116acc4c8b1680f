package dev.rgrid.server.command;

import dev.rgrid.core.auth.NewApiKey;
import dev.rgrid.core.store.Database;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rgrid-server keys create --name N [--owner O]}: prints the new key once. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create an API key; its secret is shown once.")
final class KeysCreateCommand implements Callable<Integer> {
    @ParentCommand
    KeysCommand keys;

    @Spec
    CommandSpec spec;

    @Option(names = "--name", required = true, description = "Unique among active keys; what `keys revoke` takes.")
    String name;

    @Option(names = "--owner", description = "Whose executions the key reaches (default: the name).")
    String owner;

    @Override
    public Integer call() {
        try (Database db = keys.open()) {
            NewApiKey created = db.apiKeys().create(name, owner == null ? name : owner, Instant.now());
            PrintWriter out = spec.commandLine().getOut();
            out.println("Created API key '" + created.key().name() + "' for owner '" + created.key().owner()
                    + "' (id " + created.key().id() + "):");
            out.println(created.secret());
            out.println("Store it now: it is not shown again (only its hash is kept).");
            out.flush();
        }
        return ExitCodes.OK;
    }
}
