package dev.rgrid.sdk.remote.internal;

import dev.rgrid.core.model.LogStream;
import java.util.EnumSet;
import java.util.Set;

/**
 * The API's {@code stream} parameter for a set of streams: {@code stdout}, {@code stderr}, {@code both}
 * or {@code all}. A set it cannot name (RGrid's own lines with one stream) asks for all and filters here.
 */
record StreamChoice(String param, Set<LogStream> wanted) {

    static StreamChoice of(Set<LogStream> streams) {
        Set<LogStream> wanted = streams.isEmpty() ? EnumSet.noneOf(LogStream.class) : EnumSet.copyOf(streams);
        String param;
        if (wanted.equals(EnumSet.of(LogStream.STDOUT))) param = "stdout";
        else if (wanted.equals(EnumSet.of(LogStream.STDERR))) param = "stderr";
        else if (wanted.equals(EnumSet.of(LogStream.STDOUT, LogStream.STDERR))) param = "both";
        else param = "all";
        return new StreamChoice(param, wanted);
    }

    boolean accepts(LogStream stream) {
        return wanted.contains(stream);
    }
}
