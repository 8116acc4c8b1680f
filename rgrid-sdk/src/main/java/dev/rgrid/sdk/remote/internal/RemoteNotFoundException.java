package dev.rgrid.sdk.remote.internal;

import dev.rgrid.core.NotFoundException;
import dev.rgrid.core.wire.ErrorJson;

/** A server's 404, as the {@link NotFoundException} callers catch, keeping the server's code, message and hint. */
final class RemoteNotFoundException extends NotFoundException {
    private final ErrorJson.Body error;

    RemoteNotFoundException(ErrorJson.Body error) {
        super("execution", error.value());
        this.error = error;
    }

    @Override public String code() { return error.code() != null ? error.code() : super.code(); }
    @Override public String what() { return error.message() != null ? error.message() : super.what(); }
    @Override public String hint() { return error.hint() != null ? error.hint() : super.hint(); }

    @Override
    public String getMessage() {
        return what() + (value() != null ? " [value: " + value() + "]" : "") + (hint() != null ? " — " + hint() : "");
    }
}
