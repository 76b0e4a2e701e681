package dev.peerget.fetch;

import dev.peerget.model.PeergetException;

/** A file could not be fetched: the message names the URL and what went wrong (status, timeout, size cap). */
public class FetchException extends PeergetException {
    private static final long serialVersionUID = 1L;
    /** Why a fetch failed, for callers that react differently. */
    public enum Reason {
        /** The server said the file does not exist (HTTP 404/410, missing file: path). */
        NOT_FOUND,
        /** The body is larger than the caller's cap (a signed size, or the endless-data limit). */
        TOO_LARGE,
        /** Anything else: unreachable, refused, timed out, cut short, unexpected status. */
        FAILED
    }

    private final Reason reason;

    public FetchException(String message, String hint, Throwable cause, Reason reason) {
        super(message, hint, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether the server said the file does not exist (HTTP 404/410, missing file: path). */
    public boolean isNotFound() {
        return reason == Reason.NOT_FOUND;
    }
}
