package dev.rgrid.cli.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Progress on stderr: bars on a terminal, one plain line per file otherwise. */
class ProgressTest {
    final StringWriter err = new StringWriter();

    @Test
    void without_a_terminal_each_file_gets_one_plain_line() {
        try (Progress p = Progress.uploads(new PrintWriter(err, true), false)) {
            p.started("big.dat", 3L << 20);
            for (long done = 0; done <= 3L << 20; done += 1 << 16) p.progressed("big.dat", done);
            p.finished("big.dat");
            p.skipped("data.csv", 10);
        }

        assertEquals("big.dat: uploaded (3.0 MB)\ndata.csv: already uploaded (same content)\n", err.toString());
    }

    @Test
    void on_a_terminal_a_bar_shows_bytes_and_rate_and_ends_its_line() {
        try (Progress p = Progress.downloads(new PrintWriter(err, true), true)) {
            p.started("outputs/model.bin", 2L << 20);
            p.progressed("outputs/model.bin", 1L << 20);
            p.finished("outputs/model.bin");
        }

        String shown = err.toString();
        assertTrue(shown.contains("\r"), shown);
        assertTrue(shown.contains("outputs/model.bin"), shown);
        assertTrue(shown.contains("2.0/2.0MB") || shown.contains("2/2MB"), shown);
        assertTrue(shown.contains("MB/s"), shown);
        assertTrue(shown.endsWith("\n"), shown.replace("\r", "<CR>").replace("\n", "<LF>"));
    }
}
