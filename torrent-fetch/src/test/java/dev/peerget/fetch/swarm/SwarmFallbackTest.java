package dev.peerget.fetch.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.fetch.swarm.FetchSlot.State;
import dev.peerget.fetch.torrent.EngineConfig;
import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback rule on its own, without an engine or a mirror: the fetch's slots are put in the swarm as
 * {@link FetchRun#execute} does, and each {@link SwarmFallback#balance} is one tick of the coordinator.
 */
class SwarmFallbackTest {
    private static final String HASH = "c23baaf883967a0aaa8063905bd14b652f73528f";

    @TempDir
    Path dir;

    private FetchRun runInSwarm(int files) {
        List<FetchItem> items = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            String path = "pool/p" + i + ".deb";
            items.add(new FetchItem(path, new Checksum(HashAlgorithm.SHA256, "00".repeat(32)), 1_000_000,
                    List.of(URI.create("http://127.0.0.1:9/" + path)),
                    new TorrentSlot(dir.resolve("repo.torrent"), HASH, "repo", i, path)));
        }
        FetchPolicy policy = new FetchPolicy(true, EngineConfig.of(dir.resolve("engine"), "127.0.0.1:0", true),
                dir.resolve("swarm"), Duration.ofSeconds(3), 64 * 1024, 4, Duration.ofSeconds(30), List.of());
        FetchRun run = new FetchRun(policy, null, null, items, FetchListener.NONE, null);
        for (FetchSlot s : run.slots) {
            s.state = State.SWARM;
            run.byTorrent.computeIfAbsent(HASH, k -> new java.util.LinkedHashMap<>())
                    .put(s.item.torrent().fileIndex(), s);
        }
        run.views.put(HASH, new SwarmView());
        return run;
    }

    /**
     * One tick. The probe works for its first 1.2 s after the fetch started ({@code FetchRun.started}): a machine
     * that stalled this test longer makes it inconclusive (skipped), neither passed nor failed.
     */
    private static void tick(FetchRun run) {
        synchronized (run.lock) {
            run.fallback.balance();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.nanoTime() - run.started < java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1100),
                "the probe window ran out while the test ran");
    }

    private static long inState(FetchRun run, State state) {
        return run.slots.stream().filter(s -> s.state == state).count();
    }

    @Test
    void whileTheEngineStartsAnEmptySwarmLendsTheMirrorOneFileAtATime() {
        FetchRun run = runInSwarm(10);
        SwarmView view = run.views.get(HASH);
        view.scrapedEmpty = true;

        tick(run);
        assertThat(run.queue).as("the probe's file, queued for HTTP").hasSize(1);
        tick(run);
        assertThat(run.queue).as("one at a time").hasSize(1);
        run.queue.poll().state = State.DONE;

        tick(run);
        assertThat(run.queue).as("the first is done: the next one").hasSize(1);
        assertThat(inState(run, State.SWARM)).isEqualTo(8);
    }

    @Test
    void theProbeStopsOnceTheEnginesAnnounceFoundOthers() {
        FetchRun run = runInSwarm(10);
        SwarmView view = run.views.get(HASH);
        view.scrapedEmpty = true;
        tick(run);
        run.queue.poll().state = State.DONE;

        // The first answer knew nobody; the engine's own, a moment later, a seed that started meanwhile. On a fast
        // mirror the probe otherwise went on a file at a time and fetched most of an install twice.
        view.onTracker(new dev.peerget.fetch.torrent.EngineEvent.TrackerReply(HASH, 2, 1, 1));
        tick(run);
        tick(run);
        assertThat(run.queue).isEmpty();
        assertThat(inState(run, State.SWARM)).isEqualTo(9);
    }

    @Test
    void withoutAnEmptyScrapeNothingLeavesTheSwarmBeforeTheEngineIsUp() {
        FetchRun run = runInSwarm(10);

        tick(run);
        tick(run);
        assertThat(run.queue).isEmpty();
        assertThat(inState(run, State.SWARM)).isEqualTo(10);
    }
}
