package dev.rgrid.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.FileKind;
import dev.rgrid.core.testing.SettableClock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ExecutionFileStore} must do; one subclass per database it runs on. */
public abstract class ExecutionFileStoreContract {
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    protected final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    protected Database database;
    protected ExecutionFileStore files;
    protected String executionId;

    protected abstract Database freshDatabase();

    @BeforeEach
    void migrate() {
        database = freshDatabase();
        database.migrate();
        files = database.executionFiles();
        executionId = database.executions().create(ExecutionSpec.builder("job.py", new byte[] {1}).build(),
                clock.instant()).id();
    }

    @AfterEach
    void close() {
        if (database != null) database.close();
    }

    private ExecutionFile file(FileKind kind, String path, long size, String sha) {
        return new ExecutionFile(kind, path, size, sha, "text/csv", "owners/local/" + kind.label() + "/" + path,
                clock.instant());
    }

    @Test
    void recorded_inputs_and_outputs_are_listed_apart_in_path_order() {
        ExecutionFile input = file(FileKind.INPUT, "data/x.csv", 10, SHA_A);
        ExecutionFile second = file(FileKind.OUTPUT, "outputs/z.csv", 0, SHA_B);
        ExecutionFile first = file(FileKind.OUTPUT, "outputs/a/b.csv", 3L << 32, SHA_A);
        files.record(executionId, List.of(input, second, first));

        assertEquals(List.of(input), files.list(executionId, FileKind.INPUT));
        assertEquals(List.of(first, second), files.list(executionId, FileKind.OUTPUT), "sizes over 4 GB kept");
    }

    @Test
    void recording_the_same_path_again_replaces_it() {
        files.record(executionId, List.of(file(FileKind.OUTPUT, "outputs/r.txt", 1, SHA_A)));
        clock.advance(java.time.Duration.ofMinutes(1));
        ExecutionFile later = file(FileKind.OUTPUT, "outputs/r.txt", 2, SHA_B);
        files.record(executionId, List.of(later));
        assertEquals(List.of(later), files.list(executionId, FileKind.OUTPUT));
    }

    @Test
    void files_of_an_unknown_execution_are_refused_and_nothing_is_recorded() {
        assertThrows(NotFoundException.class,
                () -> files.record("exec_missing", List.of(file(FileKind.INPUT, "a.txt", 1, SHA_A))));
        assertTrue(files.list("exec_missing", FileKind.INPUT).isEmpty());
    }

    @Test
    void a_batch_is_recorded_all_or_none() {
        ExecutionFile ok = file(FileKind.INPUT, "a.txt", 1, SHA_A);
        ExecutionFile refusedByPostgres = file(FileKind.INPUT, "nul\u0000.txt", 1, SHA_A);
        assertThrows(RuntimeException.class, () -> files.record(executionId, List.of(ok, refusedByPostgres)));
        assertTrue(files.list(executionId, FileKind.INPUT).isEmpty(), "the first row went with the failed second");
    }

    @Test
    void deleting_all_or_deleting_the_execution_removes_its_rows() {
        files.record(executionId, List.of(file(FileKind.INPUT, "a.txt", 1, SHA_A),
                file(FileKind.OUTPUT, "outputs/b.txt", 2, SHA_B)));
        assertEquals(2, files.deleteAll(executionId));
        assertTrue(files.list(executionId, FileKind.OUTPUT).isEmpty());

        files.record(executionId, List.of(file(FileKind.OUTPUT, "outputs/b.txt", 2, SHA_B)));
        database.jdbi().useHandle(h -> h.execute("DELETE FROM executions WHERE id = ?", executionId));
        assertTrue(files.list(executionId, FileKind.OUTPUT).isEmpty(), "rows cascade with their execution");
    }

    @Test
    void an_object_is_referenced_while_some_execution_names_it() {
        ExecutionFile input = file(FileKind.INPUT, "a.txt", 1, SHA_A);
        files.record(executionId, List.of(input));
        String other = database.executions().create(ExecutionSpec.builder("job.py", new byte[] {1}).build(),
                clock.instant()).id();
        files.record(other, List.of(input));

        files.deleteAll(executionId);
        assertTrue(files.isReferenced(input.objectKey()), "the other execution still names it");
        files.deleteAll(other);
        assertFalse(files.isReferenced(input.objectKey()));
    }
}
