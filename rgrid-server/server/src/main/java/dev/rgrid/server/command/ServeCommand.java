package dev.rgrid.server.command;

import dev.rgrid.server.RGridServer;
import dev.rgrid.server.config.ServerConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rgrid-server serve}: checks the settings, applies pending migrations, starts the API and prints
 * {@code RGrid server listening on http://HOST:PORT}; runs until stopped (SIGTERM stops it gracefully).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the HTTP API (the default command).")
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return serve(root, spec.commandLine());
    }

    int serve(RootCommand rootCommand, CommandLine cmd) {
        ServerConfig config = ServerConfig.load(rootCommand.sources());
        PrintWriter out = cmd.getOut();
        Migrations.apply(config.databaseUrl().orElseThrow(), out);
        RGridServer server = RGridServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } finally {
                stopped.countDown();
            }
        }, "rgrid-server-shutdown"));
        out.println("RGrid server listening on http://" + config.host() + ":" + server.port());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }
}
