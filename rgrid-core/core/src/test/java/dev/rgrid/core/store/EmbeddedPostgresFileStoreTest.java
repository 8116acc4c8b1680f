package dev.rgrid.core.store;

import dev.rgrid.core.testing.TestPostgres;

class EmbeddedPostgresFileStoreTest extends ExecutionFileStoreContract {
    @Override
    protected Database freshDatabase() {
        return TestPostgres.freshEmbedded();
    }
}
