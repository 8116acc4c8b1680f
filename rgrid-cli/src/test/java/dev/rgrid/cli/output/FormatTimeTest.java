package dev.rgrid.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** Times are shown in the user's zone with the offset it had at that instant, summer time included. */
class FormatTimeTest {
    private static final TimeZone BERLIN = TimeZone.getTimeZone("Europe/Berlin");

    @Test
    void each_time_gets_its_own_offset() {
        assertEquals("2026-01-15 13:00:00", Format.time(Instant.parse("2026-01-15T12:00:00Z"), BERLIN), "winter: +01:00");
        assertEquals("2026-07-15 14:00:00", Format.time(Instant.parse("2026-07-15T12:00:00Z"), BERLIN), "summer: +02:00");
        assertEquals("2026-07-15 12:00:00", Format.time(Instant.parse("2026-07-15T12:00:00Z"), TimeZone.getTimeZone("UTC")));
        assertEquals("-", Format.time(null, BERLIN));
    }
}
