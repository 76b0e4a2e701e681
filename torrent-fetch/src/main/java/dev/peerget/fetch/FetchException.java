package dev.peerget.fetch;

import dev.peerget.model.PeergetException;

/** A file could not be fetched: the message names the URL and what went wrong (status, timeout, size cap). */
public class FetchException extends PeergetException {
    private static final long serialVersionUID = 1L;
    private final boolean notFound;

    public FetchException(String message, String hint, Throwable cause, boolean notFound) {
        super(message, hint, cause);
        this.notFound = notFound;
    }

    /** Whether the server said the file does not exist (HTTP 404/410, missing file: path). */
    public boolean isNotFound() {
        return notFound;
    }
}
