package dev.rgrid.core;

import dev.rgrid.core.model.ExecutionStatus;

/** A status change the state machine does not allow; a programming error, never user input. */
public class IllegalTransitionException extends RGridException {
    public IllegalTransitionException(String executionId, ExecutionStatus from, ExecutionStatus to) {
        super("illegal_transition", "Execution cannot move from " + from.label() + " to " + to.label(),
                executionId, "This is a bug in RGrid; please report it with the execution id");
    }
}
