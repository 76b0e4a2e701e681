package dev.peerget.fetch.swarm;

import dev.peerget.fetch.torrent.internal.Bencode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Asks a torrent's HTTP trackers how many seeds and leechers its swarm has (a scrape, BEP 48), without announcing:
 * the fetch does this while its torrent engine is still starting, so that a client alone can start on the mirror
 * at once. A tracker that does not answer, or has no scrape URL (its announce URL's last segment does not start
 * with "announce"), is skipped; stateless.
 */
final class TrackerScrape {
    /** The swarm's size as one tracker knows it. */
    record Counts(long seeds, long leechers) {
        boolean empty() {
            return seeds == 0 && leechers == 0;
        }
    }

    private TrackerScrape() {}

    /** The first answer of the torrent's trackers, in the torrent's order; empty when none answered. */
    static Optional<Counts> scrape(Path torrentFile, String infoHashHex, Duration timeout) {
        List<URI> scrapeUrls;
        try {
            scrapeUrls = scrapeUrls(Files.readAllBytes(torrentFile));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (scrapeUrls.isEmpty()) {
            return Optional.empty();
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .build();
        String hash = percentEncode(HexFormat.of().parseHex(infoHashHex));
        for (URI url : scrapeUrls) {
            String query = (url.getRawQuery() == null ? "" : url.getRawQuery() + "&") + "info_hash=" + hash;
            try {
                URI target = URI.create(url.toString().replaceFirst("\\?.*$", "") + "?" + query);
                HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(target).timeout(timeout).GET()
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    Optional<Counts> counts = parse(response.body());
                    if (counts.isPresent()) {
                        return counts;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Next tracker.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** BEP 48: the announce URL with its last segment's "announce" replaced by "scrape"; HTTP(S) trackers only. */
    static List<URI> scrapeUrls(byte[] torrent) {
        Set<String> announces = new LinkedHashSet<>();
        if (Bencode.decode(torrent) instanceof Map<?, ?> top) {
            if (top.get("announce") instanceof byte[] url) {
                announces.add(new String(url, StandardCharsets.UTF_8));
            }
            if (top.get("announce-list") instanceof List<?> tiers) {
                for (Object tier : tiers) {
                    if (tier instanceof List<?> urls) {
                        for (Object url : urls) {
                            if (url instanceof byte[] bytes) {
                                announces.add(new String(bytes, StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
            }
        }
        List<URI> out = new ArrayList<>();
        for (String announce : announces) {
            int slash = announce.lastIndexOf('/');
            if ((announce.startsWith("http://") || announce.startsWith("https://")) && slash > 0
                    && announce.startsWith("announce", slash + 1)) {
                try {
                    out.add(URI.create(announce.substring(0, slash + 1) + "scrape"
                            + announce.substring(slash + 1 + "announce".length())));
                } catch (IllegalArgumentException e) {
                    // Not a URL.
                }
            }
        }
        return out;
    }

    /** The counts of the one torrent asked about: {@code d5:filesd20:HASHd8:completei…e10:incompletei…e…eee}. */
    static Optional<Counts> parse(byte[] body) {
        try {
            if (Bencode.decode(body) instanceof Map<?, ?> top && top.get("files") instanceof Map<?, ?> files
                    && files.size() == 1 && files.values().iterator().next() instanceof Map<?, ?> entry
                    && entry.get("complete") instanceof Long seeds
                    && entry.get("incomplete") instanceof Long leechers) {
                return Optional.of(new Counts(seeds, leechers));
            }
            if (Bencode.decode(body) instanceof Map<?, ?> top && top.get("files") instanceof Map<?, ?> files
                    && files.isEmpty()) {
                // A tracker that has never seen the torrent lists nothing for it.
                return Optional.of(new Counts(0, 0));
            }
        } catch (RuntimeException e) {
            // Not bencode.
        }
        return Optional.empty();
    }

    private static String percentEncode(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", (int) c));
            }
        }
        return out.toString();
    }
}
