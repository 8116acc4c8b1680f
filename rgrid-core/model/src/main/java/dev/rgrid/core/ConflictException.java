package dev.rgrid.core;

/** The request is valid but the thing it is about is not in a state that allows it now (HTTP 409). */
public class ConflictException extends RGridException {
    public ConflictException(String code, String what, String value, String hint) {
        super(code, what, value, hint);
    }
}
