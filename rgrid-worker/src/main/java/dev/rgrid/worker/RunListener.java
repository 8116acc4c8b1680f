package dev.rgrid.worker;

/** Hears what runners do, so an in-process engine can wake log followers and waiters at once. */
public interface RunListener {
    RunListener NONE = new RunListener() {};

    default void logsWritten(String executionId) {}

    default void finished(String executionId) {}
}
