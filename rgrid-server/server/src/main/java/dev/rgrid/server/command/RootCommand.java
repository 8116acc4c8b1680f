package dev.rgrid.server.command;

import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.server.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rgrid-server}: serves the API when no subcommand is given. */
@Command(name = "rgrid-server", mixinStandardHelpOptions = true, versionProvider = RootCommand.VersionProvider.class,
        description = "The RGrid control plane: HTTP API, API keys, database migrations.",
        subcommands = {ServeCommand.class, DbCommand.class, KeysCommand.class, picocli.CommandLine.HelpCommand.class})
public final class RootCommand implements Callable<Integer> {
    private final ConfigSources sources;

    @Spec
    CommandSpec spec;

    RootCommand(ConfigSources sources) {
        this.sources = sources;
    }

    ConfigSources sources() { return sources; }

    @Override
    public Integer call() {
        return new ServeCommand().serve(this, spec.commandLine());
    }

    static final class VersionProvider implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() { return new String[] {"rgrid-server " + Version.current()}; }
    }
}
