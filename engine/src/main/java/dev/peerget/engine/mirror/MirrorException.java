package dev.peerget.engine.mirror;

import dev.peerget.model.PeergetException;

/** A mirror operation cannot proceed: a repository that is not one, an index out of step with the files. */
public class MirrorException extends PeergetException {
    private static final long serialVersionUID = 1L;

    public MirrorException(String message, String hint) {
        super(message, hint);
    }

    public MirrorException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
