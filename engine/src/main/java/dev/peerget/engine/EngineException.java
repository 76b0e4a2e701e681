package dev.peerget.engine;

import dev.peerget.model.PeergetException;

/** A workflow cannot proceed: bad configuration, an unknown package, missing metadata. */
public class EngineException extends PeergetException {
    private static final long serialVersionUID = 1L;

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, String hint) {
        super(message, hint);
    }

    public EngineException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
