package dev.rgrid.core.store;

import dev.rgrid.core.testing.TestPostgres;

class EmbeddedPostgresStoreTest extends ExecutionStoreContract {
    @Override
    protected Database freshDatabase() {
        return TestPostgres.freshEmbedded();
    }
}
