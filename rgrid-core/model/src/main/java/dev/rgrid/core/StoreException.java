package dev.rgrid.core;

/** The database or another store failed; wraps the SQL or I/O cause. */
public class StoreException extends RGridException {
    public StoreException(String what, String value, String hint, Throwable cause) {
        super("store_unavailable", what, value, hint, cause);
    }
}
