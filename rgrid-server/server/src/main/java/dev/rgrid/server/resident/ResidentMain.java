package dev.rgrid.server.resident;

import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.server.Logging;
import java.util.List;

/**
 * The resident engine's process: {@code ResidentMain IDENTITY INSTANCE}, started in the background by the first
 * command that needs the engine ({@code ResidentEngines} in the CLI), its output appended to the home's engine.log.
 */
public final class ResidentMain {
    private ResidentMain() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ResidentMain IDENTITY INSTANCE (started by the rgrid CLI, not by hand)");
            System.exit(2);
        }
        Logging.configure();
        try {
            ResidentEngine.serve(ConfigSources.load(), args[0], args[1]);
        } catch (RuntimeException e) {
            // The command that started it reads this from engine.log to say why the engine did not come up.
            System.err.println("rgrid engine: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** The arguments a start passes. */
    public static List<String> arguments(String identity, String instance) {
        return List.of(ResidentMain.class.getName(), identity, instance);
    }
}
