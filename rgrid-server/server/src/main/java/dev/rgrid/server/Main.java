package dev.rgrid.server;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.server.command.Commands;
import dev.rgrid.server.command.ExitCodes;

/** {@code rgrid-server}: reads the environment and the config file once, then runs the command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Logging.configure();
        int code;
        try {
            code = Commands.create(ConfigSources.load()).execute(args);
        } catch (RGridException e) { // the config file itself cannot be read
            System.err.println("rgrid-server: " + e.getMessage());
            code = ExitCodes.CONFIG;
        }
        System.exit(code);
    }
}
