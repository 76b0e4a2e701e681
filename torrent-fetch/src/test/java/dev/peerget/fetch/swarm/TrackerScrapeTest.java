package dev.peerget.fetch.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.fetch.torrent.internal.Bencode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scrape URL convention (BEP 48) and the reply's counts; against a real tracker in PackageFetcherTest. */
class TrackerScrapeTest {
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

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
