package dev.rgrid.cli;

import java.io.PrintWriter;
import java.util.Objects;

/**
 * Where passing notices go while a command runs ("Connection lost. Retrying... (attempt 1/5)"): the
 * command's stderr, bound when the command starts so that tests capture them with everything else.
 */
public final class Notices {
    private PrintWriter target = new PrintWriter(System.err, true);

    /** From now on, notices go to {@code err}. */
    public synchronized void bind(PrintWriter err) {
        target = Objects.requireNonNull(err, "err");
    }

    public synchronized void println(String notice) {
        target.println(notice);
        target.flush();
    }
}
