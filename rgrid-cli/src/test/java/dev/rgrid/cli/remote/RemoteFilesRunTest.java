package dev.rgrid.cli.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.cli.CliResult;
import dev.rgrid.cli.CliRunner;
import dev.rgrid.server.remote.SharedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `rgrid run script.py data.csv` against a real server: the input reaches the script, outputs land in ./outputs. */
class RemoteFilesRunTest {
    @RegisterExtension static final SharedServer server = new SharedServer();

    private static final String SCRIPT = """
            import os, sys
            text = open(sys.argv[1]).read()
            out = os.environ['RGRID_OUTPUT_DIR']
            os.makedirs(os.path.join(out, 'sub'), exist_ok=True)
            open(os.path.join(out, 'result.csv'), 'w').write(text.upper())
            open(os.path.join(out, 'sub', 'b.txt'), 'w').write('bee')
            print(sys.argv[1])
            """;

    @TempDir Path dir;
    @TempDir Path home;

    @Test
    void an_input_file_goes_up_and_the_outputs_come_down_into_outputs() throws IOException {
        String key = server.newKey("clifiles" + System.nanoTime()).secret();
        CliRunner cli = CliRunner.configured(dir, Map.of("RGRID_HOME", home.toString()))
                .withEnv(Map.of("RGRID_API_URL", server.url(), "RGRID_API_KEY", key));
        cli.script("script.py", SCRIPT);
        String content = "a,b\n1,2 " + System.nanoTime() + "\n";
        Files.writeString(dir.resolve("data.csv"), content);

        CliResult r = cli.run("run", "script.py", "data.csv");

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("data.csv\n", r.out());
        assertTrue(r.err().contains("data.csv: uploaded"), r::toString);
        assertEquals(content.toUpperCase(), Files.readString(dir.resolve("outputs/result.csv")));
        assertEquals("bee", Files.readString(dir.resolve("outputs/sub/b.txt")));
        assertTrue(r.err().contains("Downloaded 2 outputs to ./outputs\n"), r::toString);
    }
}
