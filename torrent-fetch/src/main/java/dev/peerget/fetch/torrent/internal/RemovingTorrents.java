package dev.peerget.fetch.torrent.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The torrents REMOVE took out of an {@link EngineSession} that libtorrent has not let go of yet, by info-hash,
 * oldest first: a SAVE sent before the REMOVE is still answered for them, and REMOVED is sent when libtorrent says
 * one is gone. Not thread-safe: guarded by the session's lock.
 */
final class RemovingTorrents {
    private final Map<String, Deque<EngineTorrent>> byHash = new HashMap<>();

    void add(EngineTorrent torrent) {
        byHash.computeIfAbsent(torrent.hash, h -> new ArrayDeque<>()).add(torrent);
    }

    /** The oldest torrent of {@code hash} being removed with a SAVE not answered yet, or null. */
    EngineTorrent awaitingSave(String hash) {
        return byHash.getOrDefault(hash, new ArrayDeque<>()).stream()
                .filter(t -> !t.pendingSaves.isEmpty()).findFirst().orElse(null);
    }

    /** Whether a torrent being removed has a SAVE not answered yet. */
    boolean savesPending() {
        return byHash.values().stream().flatMap(Deque::stream).anyMatch(t -> !t.pendingSaves.isEmpty());
    }

    /** libtorrent let go of a torrent of {@code hash}: the oldest one being removed, now forgotten, or null. */
    EngineTorrent removed(String hash) {
        Deque<EngineTorrent> queue = byHash.get(hash);
        EngineTorrent torrent = queue == null ? null : queue.poll();
        if (torrent == null) {
            return null;
        }
        if (queue.isEmpty()) {
            byHash.remove(hash);
        }
        return torrent;
    }
}
