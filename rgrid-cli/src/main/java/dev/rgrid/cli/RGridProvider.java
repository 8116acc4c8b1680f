package dev.rgrid.cli;

import dev.rgrid.cli.resident.ResidentEngines;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.sdk.RGrid;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where commands get their {@link RGrid}: opened on first use and closed when the command is done
 * ({@link #opening}), or handed in and left open for its owner ({@link #shared}, as tests do).
 * Commands that never touch the engine (help, completion) never open it.
 */
public final class RGridProvider {
    private final Supplier<RGrid> opener;
    private final boolean owned;
    private RGrid rgrid;

    private RGridProvider(Supplier<RGrid> opener, boolean owned) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.owned = owned;
    }

    /** Opens an engine on first use; {@link #release()} closes it. */
    public static RGridProvider opening(Supplier<RGrid> opener) {
        return new RGridProvider(opener, true);
    }

    /**
     * What the settings in {@code env} and its config file name, read when first used (so a bad setting is
     * reported by the command): the RGrid server when an API URL is configured, else this home's resident engine
     * (started when none runs); either way a client over HTTP, with retry notices going to {@code notices}.
     */
    public static RGridProvider configured(Map<String, String> env, Notices notices) {
        return opening(() -> {
            ConfigSources config = ConfigSources.load(env);
            return ServerSettings.from(config)
                    .<RGrid>map(server -> RGrid.connect(server.options(notice -> notices.println(notice.message()))))
                    .orElseGet(() -> ResidentEngines.connect(config, notice -> notices.println(notice.message())));
        });
    }

    /** Always the given engine; {@link #release()} leaves it open. */
    public static RGridProvider shared(RGrid rgrid) {
        Objects.requireNonNull(rgrid, "rgrid");
        return new RGridProvider(() -> rgrid, false);
    }

    /** The engine, opened unless it is open already. */
    public synchronized RGrid get() {
        if (rgrid == null) rgrid = opener.get();
        return rgrid;
    }

    public synchronized void release() {
        RGrid opened = rgrid;
        rgrid = null;
        if (owned && opened != null) opened.close();
    }
}
