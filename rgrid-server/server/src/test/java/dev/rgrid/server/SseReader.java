package dev.rgrid.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** Reads an event stream to its end (the server closes it), noting when each event arrived. */
final class SseReader {
    private SseReader() {}

    static List<SseEvent> readAll(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) throw new AssertionError("stream answered " + response.statusCode());
            List<SseEvent> events = new ArrayList<>();
            try (Stream<String> lines = response.body()) {
                String event = null;
                String id = null;
                StringBuilder data = new StringBuilder();
                for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                    String line = it.next();
                    if (line.isEmpty()) {
                        if (event != null) events.add(new SseEvent(event, id, data.toString(), Instant.now()));
                        event = null;
                        id = null;
                        data.setLength(0);
                    } else if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("data: ")) {
                        if (data.length() > 0) data.append('\n');
                        data.append(line.substring(6));
                    }
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
