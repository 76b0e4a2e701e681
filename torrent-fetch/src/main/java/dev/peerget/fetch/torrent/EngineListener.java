package dev.peerget.fetch.torrent;

/** Receives engine events, on the engine's reader thread: implementations must be thread-safe and quick. */
@FunctionalInterface
public interface EngineListener {
    EngineListener NONE = event -> {};

    void onEvent(EngineEvent event);
}
