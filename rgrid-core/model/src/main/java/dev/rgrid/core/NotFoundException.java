package dev.rgrid.core;

/** Something asked for by id does not exist (or is not the caller's to see). */
public class NotFoundException extends RGridException {
    public NotFoundException(String kind, String id) {
        super(kind + "_not_found", "No " + kind + " with this id", id,
                "Check the id; `rgrid list` shows your recent executions");
    }

    /** Something found by another kind of name than an execution id: says which, and where to look instead. */
    public NotFoundException(String code, String what, String value, String hint) {
        super(code, what, value, hint);
    }
}
