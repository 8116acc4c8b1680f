package dev.rgrid.core;

/** Input refused before anything runs: a limit out of range, an unknown runtime, a missing script. */
public class InvalidInputException extends RGridException {
    public InvalidInputException(String code, String what, String value, String hint) {
        super(code, what, value, hint);
    }
}
