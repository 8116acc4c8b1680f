package dev.rgrid.cli.command;

import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.CliContext;
import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.Setting;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteOptions;
import dev.rgrid.sdk.remote.RemoteRGrid;
import dev.rgrid.sdk.remote.RetryPolicy;
import dev.rgrid.sdk.remote.WhoAmI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rgrid init}: checks a server URL and API key against the server, then saves them for every command. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Use an RGrid server: check its URL and your API key, and save them.",
                "",
                "Asks for what the options do not give (the key without echo). Nothing is saved unless the server "
                        + "accepts the key. Saves api_url and api_key to $RGRID_HOME/config, readable by you alone; "
                        + "RGRID_API_URL and RGRID_API_KEY override them. Remove both lines to go back to the embedded engine."})
public final class InitCommand extends BaseCommand {
    @Option(names = "--url", paramLabel = "URL", description = "The server's base URL, like http://rgrid.example.com:8080.")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", description = "Your API key (rgk_...), from `rgrid-server keys create`.")
    String apiKey;

    public InitCommand(CliContext context) { super(context); }

    @Override
    public Integer call() {
        ConfigSources config = context.config();
        Optional<ConfigValue> current = config.lookup(Setting.API_URL);
        String chosenUrl = url != null ? url : ask("RGrid server URL" + current.map(c -> " [" + c.value() + "]").orElse("") + ": ",
                false, current.map(ConfigValue::value).orElse(null), "--url URL");
        String chosenKey = apiKey != null ? apiKey : ask("API key: ", true, null, "--api-key KEY");
        RemoteOptions options = RemoteOptions.builder(chosenUrl, chosenKey).retry(RetryPolicy.NONE).build();
        WhoAmI who;
        try (RemoteRGrid server = RGrid.connect(options)) {
            who = server.whoami();
        }
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(Setting.API_URL.fileKey(), options.url().toString());
        entries.put(Setting.API_KEY.fileKey(), options.apiKey());
        ConfigFile.set(config.filePath(), entries);
        out().println("Connected to " + options.url() + " as " + who.owner() + " (key " + who.keyName() + ").");
        out().println("Saved api_url and api_key to " + config.filePath() + "; every rgrid command now uses this server.");
        for (Setting s : new Setting[] {Setting.API_URL, Setting.API_KEY}) {
            String name = s.envNames().get(0);
            if (context.env().get(name) != null && !context.env().get(name).isBlank()) {
                out().println("Note: " + name + " is set in the environment and overrides the saved " + s.fileKey() + ".");
            }
        }
        out().flush();
        return ExitCodes.OK;
    }

    private String ask(String question, boolean secret, String fallback, String flag) {
        String answer = context.input().ask(err(), question, secret);
        if (answer != null && !answer.isEmpty()) return answer;
        if (fallback != null) return fallback;
        throw new InvalidInputException("init_incomplete", "No answer to: " + question.replaceFirst(":\\s*$", ""), null,
                "Type it when asked, or give it as " + flag);
    }
}
