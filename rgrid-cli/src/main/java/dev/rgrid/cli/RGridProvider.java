package dev.rgrid.cli;

import dev.rgrid.engine.LocalRGrid;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.engine.LocalOptions;
import dev.rgrid.engine.LocalOptions.Dispatch;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteRGrid;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where commands get their {@link RGrid}: opened on first use and closed when the command is done
 * ({@link #opening}), or handed in and left open for its owner ({@link #shared}, as tests do).
 * Commands that never touch the engine (help, completion) never open it.
 */
public final class RGridProvider {
    private final Function<Dispatch, RGrid> opener;
    private final boolean owned;
    private RGrid rgrid;

    private RGridProvider(Function<Dispatch, RGrid> opener, boolean owned) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.owned = owned;
    }

    /**
     * Opens an engine on first use, running what the command asks for ({@link Dispatch}); {@link #release()}
     * closes it, which cancels what it still runs.
     */
    public static RGridProvider opening(Function<Dispatch, RGrid> opener) {
        return new RGridProvider(opener, true);
    }

    /**
     * What the settings in {@code env} and its config file name, read when first used (so a bad setting is
     * reported by the command): the RGrid server when an API URL is configured, with retry notices going to
     * {@code notices}; else the embedded engine.
     */
    public static RGridProvider configured(Map<String, String> env, Notices notices) {
        return opening(dispatch -> {
            ConfigSources config = ConfigSources.load(env);
            return ServerSettings.from(config)
                    .<RGrid>map(server -> RGrid.connect(server.options(notice -> notices.println(notice.message()))))
                    .orElseGet(() -> LocalRGrid.open(LocalOptions.builder(config).dispatch(dispatch).build()));
        });
    }

    /** Always the given engine, whatever is asked; {@link #release()} leaves it open. */
    public static RGridProvider shared(RGrid rgrid) {
        Objects.requireNonNull(rgrid, "rgrid");
        return new RGridProvider(dispatch -> rgrid, false);
    }

    /** The engine, opened to run what it submits itself. */
    public RGrid get() { return get(Dispatch.SUBMITTED); }

    /** The engine, opened with {@code dispatch} unless it is open already. */
    public synchronized RGrid get(Dispatch dispatch) {
        if (rgrid == null) rgrid = opener.apply(dispatch);
        return rgrid;
    }

    /**
     * Whether the engine (once opened) ends with the command, so that a detached run must be left to a background
     * runner; a server's runs go on without this process.
     */
    public synchronized boolean endsWithCommand() { return owned && !(rgrid instanceof RemoteRGrid); }

    public synchronized void release() {
        RGrid opened = rgrid;
        rgrid = null;
        if (owned && opened != null) opened.close();
    }
}
