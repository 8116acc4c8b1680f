package dev.rgrid.server.service;

import dev.rgrid.core.model.Execution;

/** Told of each execution the server creates; metrics follow it from there. */
public interface RunObserver {
    void submitted(Execution execution);

    RunObserver NONE = execution -> { };
}
