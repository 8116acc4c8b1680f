package dev.rgrid.sdk.remote.internal;

import dev.rgrid.core.StoreException;
import dev.rgrid.core.artifact.Sha256;
import dev.rgrid.core.model.InputFile;
import dev.rgrid.core.wire.InputRefJson;
import dev.rgrid.sdk.TransferListener;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a spec's input files to the server before the submission that names them: content-addressed per
 * owner, so a file the server already holds for this key's owner is not sent again. Streams from disk.
 */
final class InputSender {
    /** An upload may take long; its timeout grows with its size (at least 1 MB/s is assumed). */
    private static final long BYTES_PER_SECOND = 1024 * 1024;

    private final Transport transport;

    InputSender(Transport transport) {
        this.transport = transport;
    }

    /** Uploads what the server lacks; returns the references for the spec. */
    List<InputRefJson> send(List<InputFile> inputs, TransferListener progress) {
        List<InputRefJson> refs = new ArrayList<>();
        for (InputFile input : inputs) {
            long size = size(input);
            String sha256 = sha256(input);
            String path = "/inputs/" + sha256;
            Request head = transport.request(path).HEAD().build();
            if (transport.exchange(head, 404) == 404) {
                progress.started(input.path(), size);
                Request put = transport.request(path)
                        .timeout(transport.requestTimeout().plus(Duration.ofSeconds(size / BYTES_PER_SECOND)))
                        .header("Content-Type", "application/octet-stream")
                        .PUT(new Counting(Body.file(input.source(), size), input.path(), progress)).build();
                transport.exchange(put);
                progress.finished(input.path());
            } else {
                progress.skipped(input.path(), size);
            }
            refs.add(new InputRefJson(input.path(), sha256, size));
        }
        return refs;
    }

    private static long size(InputFile input) {
        try {
            return Files.size(input.source());
        } catch (IOException e) {
            throw unreadable(input.source(), e);
        }
    }

    private static String sha256(InputFile input) {
        try {
            return Sha256.ofFile(input.source());
        } catch (IOException e) {
            throw unreadable(input.source(), e);
        }
    }

    private static StoreException unreadable(Path source, IOException e) {
        return new StoreException("An input file could not be read", source.toString(), "Check that it exists and is readable", e);
    }

    /** The file's bytes as they go, told to the listener; each attempt (retry) counts from zero. */
    private record Counting(Body delegate, String name, TransferListener progress) implements Body {
        @Override
        public long length() {
            return delegate.length();
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            long[] sent = {0};
            delegate.writeTo(new FilterOutputStream(out) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                    sent[0] += length;
                    progress.progressed(name, sent[0]);
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    progress.progressed(name, ++sent[0]);
                }
            });
        }
    }
}
