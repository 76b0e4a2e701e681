package dev.peerget.fetch.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.fetch.torrent.internal.Bencode;
import dev.peerget.fetch.torrent.ExternalProcess;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scrape URL convention (BEP 48), the replies' counts, and both questions put to a real opentracker. */
class TrackerScrapeTest {
    private static final String HASH = "5d3bfa6a0fbd1c1bc2a56dbd80d8b8d9c1a0f00d";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void anAnnounceCountsTheClientsThatAnnouncedBeforeWhereAScrapeCountsNobody() throws Exception {
        int trackerPort = ExternalProcess.freePort();
        Map<String, Object> torrent = Bencode.dictionary();
        torrent.put("announce", bytes("http://127.0.0.1:" + trackerPort + "/announce"));
        torrent.put("info", Bencode.dictionary());
        Path torrentFile = Files.write(dir.resolve("repo.torrent"), Bencode.encode(torrent));
        try (ExternalProcess tracker = ExternalProcess.opentracker(dir.resolve("tracker"), trackerPort, HASH)) {
            tracker.awaitListening(trackerPort, 10);
            java.util.Set<String> selectorsBefore = selectorThreads();
            assertThat(TrackerScrape.scrape(torrentFile, HASH, TIMEOUT)).as("nobody yet")
                    .hasValueSatisfying(c -> assertThat(c.empty()).isTrue());
            // A selector thread left in native code would hold the process's exit up for 0.3 s.
            assertThat(selectorThreads()).as("the question's HTTP client is gone").isSubsetOf(selectorsBefore);

            // Two clients starting together: the first finds nobody else, the second finds the first, whose
            // engine is not even up yet.
            byte[] one = TrackerScrape.newPeerId();
            byte[] two = TrackerScrape.newPeerId();
            var first = TrackerScrape.announce(torrentFile, HASH, one, 40001, 1000, "started", TIMEOUT);
            var second = TrackerScrape.announce(torrentFile, HASH, two, 40002, 1000, "started", TIMEOUT);
            assertThat(first).hasValueSatisfying(c -> assertThat(c.empty()).as(c.toString()).isTrue());
            assertThat(second).hasValueSatisfying(c -> assertThat(c.empty()).as(c.toString()).isFalse());
            assertThat(TrackerScrape.scrape(torrentFile, HASH, TIMEOUT)).as("both joined the swarm")
                    .contains(new TrackerScrape.Counts(0, 2));
            // The same address and port again (the engine's own announce, later) is no third client.
            assertThat(TrackerScrape.announce(torrentFile, HASH, TrackerScrape.newPeerId(), 40001, 1000, "started",
                    TIMEOUT)).contains(new TrackerScrape.Counts(0, 2, true));
            // An engine that did not start: its announce is taken back.
            TrackerScrape.announce(torrentFile, HASH, two, 40002, 0, "stopped", TIMEOUT);
            assertThat(TrackerScrape.scrape(torrentFile, HASH, TIMEOUT)).contains(new TrackerScrape.Counts(0, 1));
        }
    }

    @Test
    void aTrackersOwnQueryIsKeptAndAFragmentDropped() throws Exception {
        int trackerPort = ExternalProcess.freePort();
        Path withQuery = torrentAnnouncing("http://127.0.0.1:" + trackerPort + "/announce?passkey=abc", "q.torrent");
        Path withFragment = torrentAnnouncing("http://127.0.0.1:" + trackerPort + "/announce#top", "f.torrent");
        try (ExternalProcess tracker = ExternalProcess.opentracker(dir.resolve("tracker"), trackerPort, HASH)) {
            tracker.awaitListening(trackerPort, 10);
            assertThat(TrackerScrape.announce(withQuery, HASH, TrackerScrape.newPeerId(), 40001, 1000, "started",
                    TIMEOUT)).contains(new TrackerScrape.Counts(0, 1, true));
            assertThat(TrackerScrape.announce(withFragment, HASH, TrackerScrape.newPeerId(), 40002, 1000, "started",
                    TIMEOUT)).contains(new TrackerScrape.Counts(0, 2, true));
            assertThat(TrackerScrape.scrape(withFragment, HASH, TIMEOUT)).contains(new TrackerScrape.Counts(0, 2));
        }
    }

    private Path torrentAnnouncing(String url, String name) throws java.io.IOException {
        Map<String, Object> torrent = Bencode.dictionary();
        torrent.put("announce", bytes(url));
        torrent.put("info", Bencode.dictionary());
        return Files.write(dir.resolve(name), Bencode.encode(torrent));
    }

    @Test
    void anAnnouncesAnswerCountsTheClientItself() {
        assertThat(TrackerScrape.parseAnnounce("d8:completei0e10:incompletei1e8:intervali1800e5:peers6:abcdefe"
                .getBytes(StandardCharsets.ISO_8859_1))).hasValueSatisfying(c -> assertThat(c.empty()).isTrue());
        assertThat(TrackerScrape.parseAnnounce("d8:completei0e10:incompletei2e8:intervali1800ee"
                .getBytes(StandardCharsets.US_ASCII))).hasValueSatisfying(c -> assertThat(c.empty()).isFalse());
        assertThat(TrackerScrape.parseAnnounce("d8:completei1e10:incompletei0ee".getBytes(StandardCharsets.US_ASCII)))
                .hasValueSatisfying(c -> assertThat(c.empty()).as("a seed").isFalse());
        assertThat(TrackerScrape.parseAnnounce("d14:failure reason9:not knowne".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(TrackerScrape.parseAnnounce("<html>".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void scrapeUrlsFollowTheAnnounceUrlsAndSkipTrackersWithoutOne() {
        Map<String, Object> torrent = Bencode.dictionary();
        torrent.put("announce", bytes("http://t.example/announce"));
        torrent.put("announce-list", List.of(List.of(bytes("http://t.example/announce")),
                List.of(bytes("https://u.example/x/announce.php?key=1"), bytes("http://v.example/tracker")),
                List.of(bytes("udp://w.example:80/announce"))));
        torrent.put("info", Bencode.dictionary());

        assertThat(TrackerScrape.scrapeUrls(Bencode.encode(torrent))).containsExactly(
                URI.create("http://t.example/scrape"), URI.create("https://u.example/x/scrape.php?key=1"));
    }

    @Test
    void theCountsOfTheOneTorrentAskedAbout() {
        byte[] hash = new byte[20];
        String reply = "d5:filesd20:" + new String(hash, StandardCharsets.ISO_8859_1)
                + "d8:completei2e10:downloadedi9e10:incompletei5eeee";
        assertThat(TrackerScrape.parse(reply.getBytes(StandardCharsets.ISO_8859_1)))
                .contains(new TrackerScrape.Counts(2, 5));
        assertThat(TrackerScrape.parse("d5:filesdee".getBytes(StandardCharsets.US_ASCII)))
                .hasValueSatisfying(c -> assertThat(c.empty()).isTrue());
        assertThat(TrackerScrape.parse("d14:failure reason6:no waye".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(TrackerScrape.parse("<html>".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    /** Names of the live HTTP client selector threads. */
    private static java.util.Set<String> selectorThreads() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
