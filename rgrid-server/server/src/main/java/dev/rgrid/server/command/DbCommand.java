package dev.rgrid.server.command;

import dev.rgrid.core.store.Database;
import dev.rgrid.server.config.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code rgrid-server db}: the database's schema migrations. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database schema migrations.",
        subcommands = {DbMigrateCommand.class, DbInfoCommand.class, DbGrantNodeCommand.class})
final class DbCommand implements Runnable {
    @ParentCommand
    RootCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Name a subcommand: migrate, info or grant-node");
    }

    /** The server's database, not migrated. */
    Database open() {
        return Database.external(ServerConfig.requireDatabaseUrl(root.sources()));
    }
}
