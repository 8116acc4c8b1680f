package dev.rgrid.cli.resident;

import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.RGridContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract, through the client every CLI command uses, to a home's resident engine started for it. */
class ResidentRGridTest extends RGridContract {
    private static ResidentHome home;
    private static RGrid rgrid;

    @BeforeAll
    static void start() throws Exception {
        home = new ResidentHome(Files.createTempDirectory("rgrid-resident-contract"));
        rgrid = ResidentEngines.connect(home.sources(), notice -> { });
    }

    @AfterAll
    static void stop() throws IOException {
        rgrid.close();
        home.close();
        try (Stream<Path> files = Files.walk(home.path())) { // the home with its database's files, after both stopped
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(file);
        }
    }

    @Override
    protected RGrid rgrid() {
        return rgrid;
    }

}
