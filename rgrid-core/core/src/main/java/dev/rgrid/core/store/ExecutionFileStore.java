package dev.rgrid.core.store;

import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.FileKind;
import java.util.List;

/**
 * The record of an execution's input and output files; the content is in the artifact store. Rows go
 * when their execution is deleted.
 */
public interface ExecutionFileStore {

    /**
     * Records the files, all or none. A file already recorded at the same kind and path is replaced (a
     * later attempt's output wins). {@link dev.rgrid.core.NotFoundException} when the execution does not exist.
     */
    void record(String executionId, List<ExecutionFile> files);

    /** The execution's files of this kind, in path order; empty when there are none. */
    List<ExecutionFile> list(String executionId, FileKind kind);

    /** Whether any execution's file record still names this object. */
    boolean isReferenced(String objectKey);

    /** Forgets every file of the execution; returns how many rows went. */
    int deleteAll(String executionId);
}
