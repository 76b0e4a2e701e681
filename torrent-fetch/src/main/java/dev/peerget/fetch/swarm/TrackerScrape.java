package dev.peerget.fetch.swarm;

import dev.peerget.fetch.http.HttpDownloader;
import dev.peerget.fetch.http.LazyTls;
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
 * Asks a torrent's HTTP trackers who is in its swarm while the fetch's torrent engine is still starting, so that a
 * client alone can start on the mirror at once: by announcing the engine's port ({@link #announce}) when it is
 * known before the engine starts, else by a scrape (BEP 48), which counts the swarm without joining it. A tracker
 * that does not answer, or has no scrape URL (its announce URL's last segment does not start with "announce"), is
 * skipped; stateless.
 */
final class TrackerScrape {
    /**
     * The swarm's size as one tracker knows it; {@code announced}: the counts include this client (an announce's
     * answer), not only others (a scrape's).
     */
    record Counts(long seeds, long leechers, boolean announced) {
        Counts(long seeds, long leechers) {
            this(seeds, leechers, false);
        }

        /** Nobody but this client. */
        boolean empty() {
            return seeds == 0 && leechers <= (announced ? 1 : 0);
        }
    }

    private TrackerScrape() {}

    /** The first answer of the torrent's trackers to a scrape, in the torrent's order; empty when none answered. */
    static Optional<Counts> scrape(Path torrentFile, String infoHashHex, Duration timeout) {
        List<URI> scrapeUrls;
        try {
            scrapeUrls = scrapeUrls(Files.readAllBytes(torrentFile));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        String hash = percentEncode(HexFormat.of().parseHex(infoHashHex));
        return ask(scrapeUrls, "info_hash=" + hash, timeout, TrackerScrape::parse);
    }

    /**
     * Announces this client ({@code event}: {@code started}, or {@code stopped} to take it back) as {@code peerId}
     * on the port its engine is about to listen on, with {@code left} bytes to fetch, to the torrent's HTTP
     * trackers in order; the first answer's counts, which include this client. Unlike a scrape, this puts the
     * client in the swarm at once: clients that start together each see the ones that announced before them,
     * where their scrapes all found nobody (docs/fetch-benchmarks.md). The engine's own announces come from the
     * same address and port; a tracker that tells peers apart by address and port (opentracker) takes them for the
     * same peer, one that tells them apart by peer id counts this client twice (docs/fetch-and-seed.md).
     */
    static Optional<Counts> announce(Path torrentFile, String infoHashHex, byte[] peerId, int port, long left,
                                     String event, Duration timeout) {
        List<URI> announceUrls;
        try {
            announceUrls = announceUrls(Files.readAllBytes(torrentFile)).stream()
                    .filter(u -> "http".equals(u.getScheme()) || "https".equals(u.getScheme())).toList();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        String query = "info_hash=" + percentEncode(HexFormat.of().parseHex(infoHashHex))
                + "&peer_id=" + percentEncode(peerId) + "&port=" + port + "&uploaded=0&downloaded=0&left=" + left
                + "&event=" + event + "&compact=1&numwant=0";
        return ask(announceUrls, query, timeout, TrackerScrape::parseAnnounce);
    }

    /** A peer id for {@link #announce}: {@code -PG0100-} and twelve random digits (BEP 20's style). */
    static byte[] newPeerId() {
        byte[] peerId = new byte[20];
        byte[] prefix = "-PG0100-".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, peerId, 0, prefix.length);
        for (int i = prefix.length; i < peerId.length; i++) {
            peerId[i] = (byte) ('0' + java.util.concurrent.ThreadLocalRandom.current().nextInt(10));
        }
        return peerId;
    }

    private static Optional<Counts> ask(List<URI> urls, String query, Duration timeout,
                                        java.util.function.Function<byte[], Optional<Counts>> parser) {
        if (urls.isEmpty()) {
            return Optional.empty();
        }
        HttpClient client = LazyTls.clientBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        try {
            return ask(client, urls, query, timeout, parser);
        } finally {
            // Else its selector thread, left in native code, holds the process's exit up for 0.3 s.
            HttpDownloader.stopSelectorThread(client);
        }
    }

    private static Optional<Counts> ask(HttpClient client, List<URI> urls, String query, Duration timeout,
                                        java.util.function.Function<byte[], Optional<Counts>> parser) {
        for (URI url : urls) {
            String own = url.getRawQuery() == null ? "" : url.getRawQuery() + "&";
            try {
                // From the parts: a fragment is not carried over, and the tracker's own query comes first.
                URI target = URI.create(url.getScheme() + "://" + url.getRawAuthority()
                        + (url.getRawPath() == null ? "" : url.getRawPath()) + "?" + own + query);
                HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(target).timeout(timeout).GET()
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    Optional<Counts> counts = parser.apply(response.body());
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

    /** The torrent's announce URLs ({@code announce}, then {@code announce-list}), without repeats. */
    static List<URI> announceUrls(byte[] torrent) {
        List<URI> out = new ArrayList<>();
        for (String announce : announces(torrent)) {
            try {
                out.add(URI.create(announce));
            } catch (IllegalArgumentException e) {
                // Not a URL.
            }
        }
        return out;
    }

    /** BEP 48: the announce URL with its last segment's "announce" replaced by "scrape"; HTTP(S) trackers only. */
    static List<URI> scrapeUrls(byte[] torrent) {
        List<URI> out = new ArrayList<>();
        for (String announce : announces(torrent)) {
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

    private static Set<String> announces(byte[] torrent) {
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
        return announces;
    }

    /** An announce's answer: {@code d8:completei…e10:incompletei…e…e}; a {@code failure reason} is no answer. */
    static Optional<Counts> parseAnnounce(byte[] body) {
        try {
            if (Bencode.decode(body) instanceof Map<?, ?> top && !top.containsKey("failure reason")
                    && top.get("complete") instanceof Long seeds && top.get("incomplete") instanceof Long leechers) {
                return Optional.of(new Counts(seeds, leechers, true));
            }
        } catch (RuntimeException e) {
            // Not bencode.
        }
        return Optional.empty();
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
