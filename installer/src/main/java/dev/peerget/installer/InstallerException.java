package dev.peerget.installer;

import dev.peerget.model.PeergetException;

/**
 * The installer's exception family: a root that cannot be changed (no package database, a held lock, an
 * interrupted earlier run) or a package tool that failed. The message names the root, file or package.
 */
public class InstallerException extends PeergetException {
    private static final long serialVersionUID = 1L;

    public InstallerException(String message, String hint) {
        super(message, hint);
    }

    public InstallerException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
