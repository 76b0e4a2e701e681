package dev.peerget.model;

import java.util.Optional;

/**
 * Root of peerget's exception families (one per module). The message names what failed — the file, URL,
 * package or lock holder — and the optional hint tells the user what to do about it.
 */
public class PeergetException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String hint;

    public PeergetException(String message) {
        this(message, null, null);
    }

    public PeergetException(String message, String hint) {
        this(message, hint, null);
    }

    public PeergetException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What the user can do about it, if anything useful can be said. */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
