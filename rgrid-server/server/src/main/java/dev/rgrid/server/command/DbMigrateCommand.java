package dev.rgrid.server.command;

import dev.rgrid.server.config.ServerConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rgrid-server db migrate}: applies pending migrations, printing each. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending migrations.")
final class DbMigrateCommand implements Callable<Integer> {
    @ParentCommand
    DbCommand db;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Migrations.apply(ServerConfig.requireDatabaseUrl(db.root.sources()), spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
