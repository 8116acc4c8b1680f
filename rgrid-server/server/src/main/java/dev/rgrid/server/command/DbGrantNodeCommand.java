package dev.rgrid.server.command;

import dev.rgrid.core.store.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rgrid-server db grant-node ROLE}: gives a role what cluster nodes need, for RGRID_NODE_DATABASE_URL. */
@Command(name = "grant-node", mixinStandardHelpOptions = true,
        description = {"Give an existing PostgreSQL role exactly what a cluster node's worker needs (its runs' records, logs, "
                + "attempts and files, its own node row), for RGRID_NODE_DATABASE_URL: nodes then never hold the control "
                + "plane's own credentials. Run it after each upgrade that migrates the schema.",
                "", "  CREATE ROLE rgrid_node LOGIN PASSWORD '...';   -- once, as a database owner",
                "  rgrid-server db grant-node rgrid_node"})
final class DbGrantNodeCommand implements Callable<Integer> {
    @ParentCommand
    DbCommand db;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ROLE", description = "The role nodes connect as.")
    String role;

    @Override
    public Integer call() {
        try (Database database = db.open()) {
            database.grantNodeRole(role);
        }
        spec.commandLine().getOut().println("Granted role '" + role + "' what cluster nodes need; point RGRID_NODE_DATABASE_URL at it.");
        return ExitCodes.OK;
    }
}
