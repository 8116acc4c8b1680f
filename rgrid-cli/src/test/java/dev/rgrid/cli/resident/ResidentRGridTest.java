package dev.rgrid.cli.resident;

import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.RGridContract;
import java.nio.file.Files;
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
    static void stop() {
        rgrid.close();
        home.close();
    }

    @Override
    protected RGrid rgrid() {
        return rgrid;
    }

}
