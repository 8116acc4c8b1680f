package dev.rgrid.core.store;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rgrid.core.testing.TestPostgres;
import org.junit.jupiter.api.Assumptions;

/**
 * The same contract on a separately run PostgreSQL server. `.ci/run` starts Debian's PostgreSQL and
 * sets RGRID_TEST_DATABASE_URL; in CI a missing URL fails rather than skips.
 */
class ExternalPostgresStoreTest extends ExecutionStoreContract {
    @Override
    protected Database freshDatabase() {
        if (!TestPostgres.externalConfigured()) {
            if (System.getenv("CI") != null) fail(TestPostgres.EXTERNAL_ENV + " must be set when CI runs the suite");
            Assumptions.abort(TestPostgres.EXTERNAL_ENV + " is not set; .ci/run sets it");
        }
        return TestPostgres.freshExternal();
    }
}
