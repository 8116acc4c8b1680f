package dev.rgrid.cli.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.cli.CliResult;
import dev.rgrid.cli.CliRunner;
import dev.rgrid.cli.ExitCodes;
import dev.rgrid.cli.LocalEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Files in and out through `rgrid run`, `rgrid outputs` and `rgrid download`, against the real engine and Docker. */
class FilesEndToEndTest {
    @RegisterExtension static final LocalEngine engine = LocalEngine.shared();

    /** Writes outputs/result.csv and outputs/sub/b.txt, then exits with its first argument (0 when none). */
    private static final String WRITER = """
            import os, sys
            out = os.environ['RGRID_OUTPUT_DIR']
            os.makedirs(os.path.join(out, 'sub'), exist_ok=True)
            with open(os.path.join(out, 'result.csv'), 'w') as f:
                f.write('a,b\\n1,2\\n')
            with open(os.path.join(out, 'sub', 'b.txt'), 'w') as f:
                f.write('bee')
            print('wrote outputs')
            sys.exit(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
            """;
    private static final Pattern ID = Pattern.compile("Execution (exec_\\S+)");

    @TempDir Path dir;
    CliRunner cli;

    @BeforeEach
    void cli() { cli = engine.cli(dir); }

    @Test
    void a_file_under_the_script_directory_keeps_its_place_and_the_argument_is_rewritten() throws IOException {
        Files.createDirectories(dir.resolve("proj/data"));
        Files.writeString(dir.resolve("proj/read.py"), "import sys\nprint(sys.argv[1])\nprint(open(sys.argv[1]).read())\n");
        Files.writeString(dir.resolve("proj/data/x.csv"), "x,y\n3,4\n");

        CliResult r = cli.run("run", "proj/read.py", "proj/data/x.csv");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("data/x.csv\nx,y\n3,4\n\n", r.out());
        assertTrue(r.err().contains("data/x.csv: uploaded"), r::toString);
    }

    @Test
    void input_directories_send_every_nested_file_keeping_their_layout() throws IOException {
        Files.createDirectories(dir.resolve("proj/conf/deep"));
        Files.writeString(dir.resolve("proj/conf/a.txt"), "A");
        Files.writeString(dir.resolve("proj/conf/deep/b.txt"), "B");
        Path elsewhere = Files.createDirectories(dir.resolve("shared/lookup"));
        Files.writeString(elsewhere.resolve("c.txt"), "C");
        Files.writeString(dir.resolve("proj/walk.py"), """
                import os
                for p in ['conf/a.txt', 'conf/deep/b.txt', 'lookup/c.txt']:
                    print(p, open(p).read())
                """);

        CliResult r = cli.run("run", "proj/walk.py", "--input", "proj/conf/", "--input", "shared/lookup");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("conf/a.txt A\nconf/deep/b.txt B\nlookup/c.txt C\n", r.out());
    }

    @Test
    void a_missing_input_is_refused_with_its_absolute_path_and_nothing_is_submitted() {
        String tag = UUID.randomUUID().toString();
        cli.script("hello.py", "print('hi')\n");

        CliResult r = cli.run("run", "hello.py", "--metadata", "tag=" + tag, "--input", "nope/data.csv");

        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains(dir.resolve("nope/data.csv").toString()), r::toString);
        assertFalse(r.err().contains("Execution exec_"), r::toString);
        CliResult listed = cli.run("list", "--metadata", "tag=" + tag, "--json");
        assertEquals(0, listed.outJson().size(), listed::toString);
    }

    @Test
    void outputs_download_into_outputs_after_the_run() throws IOException {
        cli.script("writer.py", WRITER);

        CliResult r = cli.run("run", "writer.py");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("a,b\n1,2\n", Files.readString(dir.resolve("outputs/result.csv")));
        assertEquals("bee", Files.readString(dir.resolve("outputs/sub/b.txt")));
        assertTrue(r.err().contains("Downloaded 2 outputs to ./outputs\n"), r::toString);
    }

    @Test
    void output_dir_chooses_where_they_go() throws IOException {
        cli.script("writer.py", WRITER);

        CliResult r = cli.run("run", "--output-dir", "results/today", "writer.py");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("bee", Files.readString(dir.resolve("results/today/sub/b.txt")));
        assertFalse(Files.exists(dir.resolve("outputs")));
        assertTrue(r.err().contains("Downloaded 2 outputs to ./results/today"), r::toString);
    }

    @Test
    void remote_only_downloads_nothing_and_lists_them() {
        cli.script("writer.py", WRITER);

        CliResult r = cli.run("run", "--remote-only", "writer.py");

        assertEquals(0, r.exitCode(), r::toString);
        assertFalse(Files.exists(dir.resolve("outputs")));
        assertTrue(r.err().contains("outputs/result.csv"), r::toString);
        assertTrue(r.err().contains("outputs/sub/b.txt"), r::toString);
    }

    @Test
    void a_clash_keeps_the_old_file_and_saves_the_new_one_next_to_it() throws IOException {
        cli.script("writer.py", WRITER);
        Files.createDirectories(dir.resolve("outputs"));
        Files.writeString(dir.resolve("outputs/result.csv"), "old");

        CliResult r = cli.run("run", "writer.py");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("old", Files.readString(dir.resolve("outputs/result.csv")));
        assertEquals("a,b\n1,2\n", Files.readString(dir.resolve("outputs/result (1).csv")));
        assertTrue(r.err().contains("./outputs/result.csv exists: saved outputs/result.csv as ./outputs/result (1).csv"),
                r::toString);
    }

    @Test
    void a_failing_script_still_gets_its_outputs_downloaded() throws IOException {
        cli.script("writer.py", WRITER);

        CliResult r = cli.run("run", "writer.py", "1");

        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("a,b\n1,2\n", Files.readString(dir.resolve("outputs/result.csv")));
        assertTrue(r.err().contains("Downloaded 2 outputs"), r::toString);
    }

    @Test
    void outputs_lists_them_and_download_fetches_one_or_refuses_an_unknown_path() throws IOException {
        cli.script("writer.py", WRITER);
        String id = idOf(cli.run("run", "--remote-only", "writer.py"));

        CliResult listed = cli.run("outputs", id);
        assertEquals(0, listed.exitCode(), listed::toString);
        assertTrue(listed.out().startsWith("PATH"), listed::toString);
        assertTrue(listed.out().matches("(?s).*outputs/result\\.csv\\s+8 B\\s+[0-9a-f]{12}\\s+\\S+.*"), listed::toString);
        assertTrue(listed.out().contains("outputs/sub/b.txt"), listed::toString);
        CliResult json = cli.run("outputs", id, "--json");
        assertEquals(2, json.outJson().size(), json::toString);
        assertEquals(64, json.outJson().get(0).get("sha256").asText().length(), json::toString);

        CliResult one = cli.run("download", id, "outputs/result.csv", "--dir", "D");
        assertEquals(0, one.exitCode(), one::toString);
        assertEquals("a,b\n1,2\n", Files.readString(dir.resolve("D/result.csv")));
        assertFalse(Files.exists(dir.resolve("D/sub")));
        assertTrue(one.err().contains("Downloaded 1 output to ./D"), one::toString);

        CliResult unknown = cli.run("download", id, "outputs/missing.csv", "--dir", "E");
        assertEquals(ExitCodes.USAGE, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("outputs/missing.csv"), unknown::toString);
        assertFalse(Files.exists(dir.resolve("E")));
    }

    @Test
    void an_input_the_store_already_has_is_not_uploaded_again() throws IOException {
        cli.script("cat.py", "import sys\nprint(open(sys.argv[1]).read())\n");
        Files.writeString(dir.resolve("data.csv"), "same content " + UUID.randomUUID());

        CliResult first = cli.run("run", "cat.py", "data.csv");
        CliResult second = cli.run("run", "cat.py", "data.csv");

        assertEquals(0, first.exitCode(), first::toString);
        assertEquals(0, second.exitCode(), second::toString);
        assertTrue(second.err().contains("data.csv: already uploaded (same content)"), second::toString);
    }

    @Test
    void help_documents_the_clash_rule_and_the_new_options() {
        CliResult run = cli.run("run", "--help");
        CliResult download = cli.run("download", "--help");
        String runHelp = run.out().replaceAll("\\s+", " ");

        assertTrue(runHelp.contains("never overwritten: the output is saved next to it as NAME (1).EXT")
                && runHelp.contains("--output-dir") && runHelp.contains("--remote-only") && runHelp.contains("--input"),
                run::toString);
        assertTrue(download.out().replaceAll("\\s+", " ").contains("never overwritten"), download::toString);
        assertTrue(cli.run("--help").out().contains("outputs"), run::toString);
    }

    private static String idOf(CliResult r) {
        Matcher m = ID.matcher(r.err());
        assertTrue(m.find(), r::toString);
        return m.group(1);
    }
}
