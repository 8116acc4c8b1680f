package dev.rgrid.server.resident;

import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.server.Logging;
import java.util.List;

/**
 * The resident engine's process: {@code ResidentMain IDENTITY INSTANCE}, started in the background by the first
 * command that needs the engine ({@code ResidentEngines} in the CLI), its output appended to the home's engine.log.
 */
public final class ResidentMain {
    /** How the line saying why the engine did not start begins. */
    public static final String REASON = "rgrid engine did not start: ";

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
            // The trace for the log; then, last, the one line the command that started it shows (ResidentEngines).
            e.printStackTrace();
            System.err.println(REASON + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    /** The arguments a start passes. */
    public static List<String> arguments(String identity, String instance) {
        return List.of(ResidentMain.class.getName(), identity, instance);
    }
}
