package dev.rgrid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rgrid.core.wire.ExecutionJson;
import dev.rgrid.core.wire.LogLineJson;
import dev.rgrid.core.wire.OutputJson;
import dev.rgrid.core.wire.SpecJson;
import dev.rgrid.core.wire.WireJson;

/**
 * Has Jackson build its readers and writers of the wire types a command is about to use on a second thread, while the
 * main one starts picocli and parses the command line. Jackson introspects a type on its first use, and in a process
 * as short as a CLI command's that first use is on every command's path: 55 ms of a 330 ms {@code rgrid run}, measured
 * here with {@code -Xlog:class+load}. The mapper caches what is built, so the command finds it ready (or, if it gets
 * there first, builds it itself: nothing waits for this thread).
 */
final class JsonWarmUp {
    private JsonWarmUp() {}

    static void start(String[] args) {
        boolean run = args.length > 0 && args[0].equals("run");
        Thread thread = new Thread(() -> warm(run), "rgrid-json-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void warm(boolean run) {
        try {
            ObjectMapper mapper = WireJson.mapper();
            // Eager fetching (Jackson's default) builds the root (de)serializer when the reader or writer is made.
            mapper.readerFor(ExecutionJson.class);
            if (run) {
                mapper.writerFor(SpecJson.class);
                mapper.readerFor(LogLineJson.class);
                mapper.readerFor(OutputJson.class);
            }
        } catch (RuntimeException e) {
            // Nothing is lost: the command builds what it needs when it needs it.
        }
    }
}
