package dev.peerget.repo;

import dev.peerget.model.PeergetException;

/**
 * Repository configuration or metadata that cannot be read: malformed syntax, missing fields, unsupported
 * formats. The message names the file (and line, where known) and what is wrong with it.
 */
public class MetadataException extends PeergetException {
    private static final long serialVersionUID = 1L;

    public MetadataException(String message) {
        super(message);
    }

    public MetadataException(String message, String hint) {
        super(message, hint);
    }

    public MetadataException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }

    /** A syntax error at {@code line} (1-based) of {@code source}. */
    public static MetadataException at(String source, long line, String what) {
        return new MetadataException(source + ":" + line + ": " + what);
    }
}
