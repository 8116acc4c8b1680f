package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.output.Json;
import dev.rgrid.cli.output.RuntimeView;
import dev.rgrid.cli.output.Table;
import dev.rgrid.core.config.ConfigValue;
import dev.rgrid.core.config.Setting;
import dev.rgrid.sdk.RuntimeInfo;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rgrid runtimes}: what --runtime accepts here, and which images are ready. */
@Command(name = "runtimes", mixinStandardHelpOptions = true,
        description = {"List the runtimes --runtime accepts, and whether each is ready here.",
                "",
                "Any image name (containing ':' or '/') is accepted too."})
public final class RuntimesCommand extends BaseCommand {
    @Mixin JsonOption json;

    public RuntimesCommand(CliContext context) { super(context); }

    @Override
    public Integer call() {
        List<RuntimeInfo> runtimes = context.rgrid().runtimes();
        Optional<ConfigValue> configured = context.config().lookup(Setting.RUNTIME);
        List<RuntimeView> views = runtimes.stream()
                .map(r -> RuntimeView.of(r, configured.map(c -> c.value().equals(r.name())).orElse(r.isDefault())))
                .toList();
        if (json.enabled()) {
            out().println(Json.pretty(views));
            out().flush();
            return ExitCodes.OK;
        }
        Table table = new Table("NAME", "IMAGE", "PRESENT", "DEFAULT", "DESCRIPTION");
        for (RuntimeView r : views) {
            table.row(r.name(), r.image(), r.present() ? "yes" : "no", r.isDefault() ? "*" : "", r.description());
        }
        table.print(out());
        List<RuntimeView> missing = views.stream().filter(r -> !r.present()).toList();
        if (!missing.isEmpty()) out().println();
        for (RuntimeView r : missing) {
            out().println(r.name() + " is not present here" + (r.hint() != null ? ": " + r.hint() : "."));
        }
        configured.ifPresent(c -> out().println("Default runtime " + c.value() + " (from " + c.source() + ")"));
        out().flush();
        return ExitCodes.OK;
    }
}
