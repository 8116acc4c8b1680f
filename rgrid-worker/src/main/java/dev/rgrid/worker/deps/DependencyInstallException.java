package dev.rgrid.worker.deps;

import dev.rgrid.core.RGridException;
import dev.rgrid.core.model.Outcome;

/**
 * pip or npm did not install the manifest, so the script does not run; nothing was cached. The message is the
 * run's reason as the user reads it: {@code dependency installation failed: <the installer's key error line>}.
 */
public class DependencyInstallException extends RGridException {
    public static final String CODE = "dependency_install_failed";
    public static final String PREFIX = "dependency installation failed: ";

    private final transient Outcome outcome;

    public DependencyInstallException(Outcome outcome) {
        super(CODE, outcome.reason(), null, null);
        this.outcome = outcome;
    }

    /** How the run ends: failed, or cancelled when the user cancelled it during the install. */
    public Outcome outcome() { return outcome; }
}
