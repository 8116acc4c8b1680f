package dev.rgrid.sdk.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseReaderTest {
    private static SseReader reader(String text) {
        return new SseReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void events_carry_their_type_id_and_data_and_comments_are_skipped() throws IOException {
        SseReader r = reader(": keep-alive\n\nevent: log\nid: 7\ndata: {\"seq\":7}\n\nevent:end\ndata:{}\n\n");
        assertEquals(new SseReader.Event("log", "7", "{\"seq\":7}"), r.next());
        assertEquals(new SseReader.Event("end", null, "{}"), r.next());
        assertNull(r.next());
    }

    @Test
    void several_data_lines_join_with_newlines_and_crlf_ends_lines_too() throws IOException {
        SseReader r = reader("data: a\r\ndata: b\r\n\r\n");
        assertEquals(new SseReader.Event("message", null, "a\nb"), r.next());
    }

    @Test
    void an_event_cut_short_by_the_end_of_the_stream_is_dropped() throws IOException {
        assertNull(reader("event: log\nid: 8\ndata: {\"seq\":8}\n").next());
    }
}
