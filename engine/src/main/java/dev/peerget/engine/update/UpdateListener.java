package dev.peerget.engine.update;

import dev.peerget.model.PeergetException;

/**
 * Progress of an update, one call per index file, numbered like apt's {@code Get:N} lines. Called from the
 * updating thread; implementations need not be thread-safe. {@link #NONE} ignores everything.
 */
public interface UpdateListener {
    UpdateListener NONE = new UpdateListener() { };

    /** A file was downloaded ({@code Get:}); {@code what} reads like apt's "bookworm/main amd64 Packages". */
    default void fetched(int seq, String baseUri, String what, long bytes) { }

    /** The mirror confirmed the stored copy is current ({@code Hit:}). */
    default void unchanged(int seq, String baseUri, String what) { }

    /** A file was skipped on purpose ({@code Ign:}), e.g. no InRelease so Release is tried. */
    default void ignored(int seq, String baseUri, String what, String reason) { }

    /** A repository could not be updated ({@code Err:}); its previous metadata stays in use. */
    default void failed(int seq, String baseUri, String what, PeergetException error) { }

    /** A non-fatal observation ({@code W:}). */
    default void warning(String message) { }
}
