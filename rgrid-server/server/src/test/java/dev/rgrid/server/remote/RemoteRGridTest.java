package dev.rgrid.server.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Execution;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.RGridContract;
import dev.rgrid.sdk.RuntimeInfo;
import dev.rgrid.sdk.remote.RemoteRGrid;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract, through {@code RGrid.connect} to a real server process: the same suite as the embedded engine passes. */
class RemoteRGridTest extends RGridContract {
    @RegisterExtension static final SharedServer server = new SharedServer();
    private static RemoteRGrid rgrid;

    @BeforeAll
    static void connect() {
        rgrid = RGrid.connect(server.url(), server.newKey("contract").secret());
    }

    @Override
    protected RGrid rgrid() {
        return rgrid;
    }

    @Test
    void the_key_says_whose_runs_these_are() {
        assertEquals("contract", rgrid.whoami().owner());
        Execution done = runToEnd(python("print(1)").build());
        assertEquals("contract", done.owner());
    }

    @Test
    void runtimes_and_isolation_are_the_servers() {
        List<RuntimeInfo> runtimes = rgrid.runtimes();
        RuntimeInfo python = runtimes.stream().filter(r -> r.name().equals("python3.11")).findFirst().orElseThrow();
        assertTrue(python.isDefault(), python.toString());
        assertNotNull(python.image(), python.toString());
        assertNotNull(rgrid.info().isolation());
        assertNotNull(rgrid.info().database());
    }
}
