package dev.peerget.cache;

import dev.peerget.model.PeergetException;

/** The metadata database cannot be opened, read or written; the message names the database file. */
public class CacheException extends PeergetException {
    private static final long serialVersionUID = 1L;

    public CacheException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
