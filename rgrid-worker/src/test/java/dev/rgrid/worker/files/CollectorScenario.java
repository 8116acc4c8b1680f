package dev.rgrid.worker.files;

import dev.rgrid.core.artifact.ArtifactStore;
import dev.rgrid.core.artifact.FileLimits;
import dev.rgrid.core.artifact.internal.LocalArtifactStore;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.testing.SettableClock;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.worker.docker.CollectingSink;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the output scenarios: a real local artifact store, a real database, a real work directory. */
abstract class CollectorScenario {
    static Database database;
    final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    final CollectingSink sink = new CollectingSink();
    @TempDir Path storeDir;
    @TempDir Path workDir;
    ArtifactStore store;
    String executionId;

    @BeforeAll
    static void openDatabase() {
        database = TestPostgres.freshEmbedded();
        database.migrate();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void setUpRun() {
        store = new LocalArtifactStore(storeDir);
        executionId = database.executions().create(ExecutionSpec.builder("main.py", new byte[] {1}).build(),
                clock.instant()).id();
        new InputStager(store).stage(workDir, Fixtures.OWNER, List.of());
    }

    Path outputs() {
        return workDir.resolve(OutputCollector.OUTPUT_DIR);
    }

    List<ExecutionFile> collect(FileLimits limits) {
        return new OutputCollector(store, database.executionFiles(), limits, clock)
                .collect(workDir, Fixtures.OWNER, executionId, sink);
    }

    List<String> warnings() {
        return sink.texts(dev.rgrid.core.model.LogStream.SYSTEM);
    }
}
