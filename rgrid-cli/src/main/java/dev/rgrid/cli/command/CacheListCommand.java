package dev.rgrid.cli.command;

import dev.rgrid.cli.CliContext;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.output.CacheEntryView;
import dev.rgrid.cli.output.Format;
import dev.rgrid.cli.output.Json;
import dev.rgrid.cli.output.Table;
import dev.rgrid.worker.deps.DependencySettings;
import java.util.List;
import java.util.TimeZone;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rgrid cache list}: the installed dependency environments on this machine, least recently used first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List this machine's cached dependency environments, least recently used first.")
public final class CacheListCommand extends BaseCommand {
    @Mixin JsonOption json;

    public CacheListCommand(CliContext context) { super(context); }

    @Override
    public Integer call() {
        DependencySettings settings = NodeCache.settings(context, err());
        List<CacheEntryView> entries = NodeCache.open(context, settings).list().stream().map(CacheEntryView::of).toList();
        if (json.enabled()) {
            out().println(Json.pretty(entries));
        } else if (entries.isEmpty()) {
            out().println("The dependency cache is empty (" + settings.cacheDir() + ").");
        } else {
            TimeZone zone = context.timeZone();
            Table table = new Table("KEY", "KIND", "RUNTIME", "IMAGE", "SIZE", "LAST USED", "CREATED", "IN USE");
            for (CacheEntryView e : entries) {
                table.row(e.key(), e.kind(), e.runtime(), e.shortImage(), Format.bytes(e.sizeBytes()),
                        Format.time(e.lastUsed(), zone), Format.time(e.created(), zone), e.inUse() ? "yes" : "no");
            }
            table.print(out());
            long total = entries.stream().mapToLong(CacheEntryView::sizeBytes).sum();
            out().println();
            out().println(entries.size() + (entries.size() == 1 ? " entry, " : " entries, ") + Format.bytes(total)
                    + " of at most " + Format.bytes(settings.maxBytes()) + " in " + settings.cacheDir());
        }
        out().flush();
        return ExitCodes.OK;
    }
}
