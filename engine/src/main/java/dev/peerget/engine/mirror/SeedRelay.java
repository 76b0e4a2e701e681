package dev.peerget.engine.mirror;

import dev.peerget.fetch.torrent.EngineEvent;
import dev.peerget.fetch.torrent.EngineListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Between the engine's reader thread and a seeding session: keeps the latest progress per torrent, remembers
 * the engine's death and passes problems on to the {@link SeedListener}. Thread-safe.
 */
final class SeedRelay implements EngineListener {
    private final SeedListener listener;
    private final Map<String, SeededTorrent> byId;
    private final Map<String, EngineEvent.Progress> latest = new ConcurrentHashMap<>();
    private volatile EngineEvent.Died died;

    SeedRelay(SeedListener listener, List<SeededTorrent> torrents) {
        this.listener = listener;
        this.byId = torrents.stream().collect(Collectors.toMap(SeededTorrent::id, Function.identity()));
    }

    @Override
    public void onEvent(EngineEvent event) {
        if (event instanceof EngineEvent.Progress p) {
            latest.put(p.id(), p);
        } else if (event instanceof EngineEvent.Error e) {
            listener.problem(e.id() == null ? null : byId.get(e.id()), e.message());
        } else if (event instanceof EngineEvent.Died d) {
            died = d;
        }
    }

    EngineEvent.Progress latest(String id) {
        return latest.get(id);
    }

    EngineEvent.Died died() {
        return died;
    }
}
