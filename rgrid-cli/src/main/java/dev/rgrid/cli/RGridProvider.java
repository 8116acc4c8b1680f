package dev.rgrid.cli;

import dev.rgrid.sdk.LocalOptions.Dispatch;
import dev.rgrid.sdk.RGrid;
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

    /** Whether the engine ends with the command, so that a detached run must be left to a background runner. */
    public boolean endsWithCommand() { return owned; }

    public synchronized void release() {
        RGrid opened = rgrid;
        rgrid = null;
        if (owned && opened != null) opened.close();
    }
}
