package dev.peerget.fetch.torrent;

import static dev.peerget.fetch.torrent.TestEngine.sha256;
import static dev.peerget.fetch.torrent.TestEngine.sizeOrZero;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.fetch.torrent.internal.Bencode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hybrid (BitTorrent v1 + v2, BEP 52) torrents from {@link TorrentCreator}: the v2 hashes against a computation
 * written here from BEP 52's definition, the layout against libtorrent's own reading and its own creator (in child
 * JVMs), and a seeder-to-leecher transfer between two engines on 127.0.0.1.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HybridTorrentTest {
    private static final int BLOCK = 16 * 1024;
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {16 * 1024, 64 * 1024})
    void v2HashesAreBep52sMerkleTreesAndTheV1HalfDescribesTheSamePieces(int pieceLength) throws Exception {
        Path repo = edgeCases(dir.resolve("repo"), pieceLength);
        RepositoryTorrent torrent = create(repo, pieceLength);
        Map<?, ?> root = (Map<?, ?>) Bencode.decode(torrent.bytes());
        Map<?, ?> info = (Map<?, ?>) root.get("info");
        assertThat(info.get("meta version")).isEqualTo(2L);
        assertThat(info.get("piece length")).isEqualTo((long) pieceLength);

        Map<String, Map<?, ?>> tree = new LinkedHashMap<>();
        flatten((Map<?, ?>) info.get("file tree"), "", tree);
        Map<String, byte[]> layers = pieceLayers(torrent.bytes());
        // Pads are v1 only; the tree holds exactly the real files, in the order of the v1 list.
        assertThat(tree.keySet()).containsExactlyElementsOf(torrent.files().stream().map(TorrentFile::path).toList());
        int withLayers = 0;
        for (TorrentFile f : torrent.files()) {
            byte[] data = Files.readAllBytes(repo.resolve(f.path()));
            Map<?, ?> props = tree.get(f.path());
            assertThat(props.get("length")).as(f.path()).isEqualTo((long) data.length);
            if (data.length == 0) {
                assertThat(props.containsKey("pieces root")).as("empty " + f.path()).isFalse();
                continue;
            }
            byte[] expectedRoot = bep52Root(data);
            assertThat(HEX.formatHex((byte[]) props.get("pieces root"))).as("root of %s (%d bytes)", f.path(),
                    data.length).isEqualTo(HEX.formatHex(expectedRoot));
            byte[] layer = layers.get(HEX.formatHex(expectedRoot));
            if (data.length > pieceLength) {
                withLayers++;
                assertThat(layer).as("piece layer of %s", f.path()).isNotNull();
                assertThat(HEX.formatHex(layer)).as("piece layer of %s (%d bytes)", f.path(), data.length)
                        .isEqualTo(HEX.formatHex(bep52PieceLayer(data, pieceLength)));
            } else {
                assertThat(layer).as("%s fits one piece: no layer", f.path()).isNull();
            }
        }
        assertThat(layers).hasSize(withLayers);

        // v1: files on piece boundaries, the tail padded too, pieces hashed over the padded data.
        ByteArrayOutputStream padded = new ByteArrayOutputStream();
        for (Object entry : (List<?>) info.get("files")) {
            Map<?, ?> f = (Map<?, ?>) entry;
            List<String> path = ((List<?>) f.get("path")).stream()
                    .map(p -> new String((byte[]) p, StandardCharsets.UTF_8)).toList();
            if (f.containsKey("attr")) {
                assertThat(path.get(0)).isEqualTo(".pad");
                padded.writeBytes(new byte[Math.toIntExact((Long) f.get("length"))]);
            } else {
                assertThat(padded.size() % pieceLength).as("offset of %s", path).isZero();
                padded.writeBytes(Files.readAllBytes(repo.resolve(String.join("/", path))));
            }
        }
        byte[] all = padded.toByteArray();
        assertThat(all.length % pieceLength).as("hybrid torrents pad the last file").isZero();
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        for (int at = 0; at < all.length; at += pieceLength) {
            pieces.writeBytes(digest("SHA-1", Arrays.copyOfRange(all, at, at + pieceLength)));
        }
        assertThat(HEX.formatHex((byte[]) info.get("pieces"))).isEqualTo(HEX.formatHex(pieces.toByteArray()));
    }

    @Test
    void libtorrentReadsBothHalvesWithOurRootsAndFileIndexes() throws Exception {
        Path repo = edgeCases(dir.resolve("repo"), BLOCK);
        RepositoryTorrent torrent = create(repo, BLOCK);
        Path file = dir.resolve("repo.torrent");
        torrent.write(file);

        LibtorrentView.View view = LibtorrentView.show(cache(), file);
        assertThat(view.error()).isNull();
        byte[] info = Bencode.rawValue(torrent.bytes(), "info");
        assertThat(view.v1()).isEqualTo(torrent.infoHash()).isEqualTo(HEX.formatHex(digest("SHA-1", info)));
        assertThat(view.v2()).isEqualTo(HEX.formatHex(digest("SHA-256", info)));
        // libtorrent 2.0's info_hash(), what the engine's ADDED reports, is the truncated v2 hash of a hybrid.
        assertThat(view.best()).isEqualTo(view.v2().substring(0, 40));

        Map<?, ?> decoded = (Map<?, ?>) ((Map<?, ?>) Bencode.decode(torrent.bytes())).get("info");
        List<?> v1Files = (List<?>) decoded.get("files");
        // libtorrent keeps the layout it derives from the file tree; it must be the v1 list's, pads included, or
        // the engine's file indexes (taken from the v1 list) would select the wrong files.
        assertThat(view.files()).hasSameSizeAs(v1Files);
        long offset = 0;
        for (int i = 0; i < v1Files.size(); i++) {
            Map<?, ?> entry = (Map<?, ?>) v1Files.get(i);
            LibtorrentView.LtFile lt = view.files().get(i);
            assertThat(lt.index()).isEqualTo(i);
            assertThat(lt.pad()).as("pad at %d", i).isEqualTo(entry.containsKey("attr"));
            assertThat(lt.size()).as("size at %d", i).isEqualTo(entry.get("length"));
            assertThat(lt.offset()).as("offset at %d", i).isEqualTo(offset);
            offset += (Long) entry.get("length");
        }
        Map<String, Map<?, ?>> tree = new LinkedHashMap<>();
        flatten((Map<?, ?>) decoded.get("file tree"), "", tree);
        for (TorrentFile f : torrent.files()) {
            LibtorrentView.LtFile lt = view.files().get(f.index());
            if (StandardCharsets.US_ASCII.newEncoder().canEncode(f.path())) {
                // libtorrent4j hands names to Java through JNI's modified UTF-8, which mangles characters outside
                // the BMP; the root below pins those files.
                assertThat(lt.path()).isEqualTo("repo/" + f.path());
            }
            assertThat(lt.pad()).isFalse();
            assertThat(lt.size()).isEqualTo(f.size());
            assertThat(lt.offset() % BLOCK).isZero();
            byte[] root = (byte[]) tree.get(f.path()).get("pieces root");
            assertThat(lt.root()).as(f.path()).isEqualTo(root == null ? "0".repeat(64) : HEX.formatHex(root));
        }
        assertThat(view.files().stream().filter(LibtorrentView.LtFile::pad).count())
                .isEqualTo(v1Files.size() - torrent.files().size());
    }

    @Test
    void libtorrentsOwnCreatorWritesTheSameFileTreeAndPieceLayers() throws Exception {
        int pieceLength = 64 * 1024;
        Path repo = edgeCases(dir.resolve("repo"), pieceLength);
        RepositoryTorrent ours = create(repo, pieceLength);
        byte[] theirs = LibtorrentView.createHybrid(cache(), repo, pieceLength);

        Map<?, ?> ourInfo = (Map<?, ?>) ((Map<?, ?>) Bencode.decode(ours.bytes())).get("info");
        Map<?, ?> theirInfo = (Map<?, ?>) ((Map<?, ?>) Bencode.decode(theirs)).get("info");
        assertThat(HEX.formatHex(Bencode.encode(ourInfo.get("file tree"))))
                .isEqualTo(HEX.formatHex(Bencode.encode(theirInfo.get("file tree"))));
        assertThat(HEX.formatHex(Bencode.rawValue(ours.bytes(), "piece layers")))
                .isEqualTo(HEX.formatHex(Bencode.rawValue(theirs, "piece layers")));
        // libtorrent 2.0.6's creator leaves the last file unpadded and puts the pad before an empty file rather
        // than after the file it pads; its loader takes either, and lays the files out as ours do (see
        // libtorrentReadsBothHalvesWithOurRootsAndFileIndexes). Same real files in the same order, then, and the
        // same pieces but the last, which our tail pad fills.
        assertThat(realFiles(ourInfo)).containsExactlyElementsOf(realFiles(theirInfo));
        byte[] ourPieces = (byte[]) ourInfo.get("pieces");
        byte[] theirPieces = (byte[]) theirInfo.get("pieces");
        assertThat(ourPieces.length).isEqualTo(theirPieces.length);
        assertThat(HEX.formatHex(Arrays.copyOf(ourPieces, ourPieces.length - 20)))
                .isEqualTo(HEX.formatHex(Arrays.copyOf(theirPieces, theirPieces.length - 20)));
    }

    @Test
    void aSingleFileIsNotPaddedAndTheDefaultStaysV1() throws Exception {
        Path repo = dir.resolve("one");
        write(repo.resolve("pool/only_1.0_all.deb"), 40_000, 1);
        RepositoryTorrent hybrid = create(repo, BLOCK);
        Map<?, ?> info = (Map<?, ?>) ((Map<?, ?>) Bencode.decode(hybrid.bytes())).get("info");
        assertThat((List<?>) info.get("files")).hasSize(1);
        Path file = dir.resolve("one.torrent");
        hybrid.write(file);
        LibtorrentView.View view = LibtorrentView.show(cache(), file);
        assertThat(view.error()).isNull();
        assertThat(view.v1()).isEqualTo(hybrid.infoHash());
        assertThat(view.files()).extracting(LibtorrentView.LtFile::path).containsExactly("one/pool/only_1.0_all.deb");

        Path edge = edgeCases(dir.resolve("repo"), BLOCK);
        RepositoryTorrent v1 = new TorrentCreator().create(TorrentCreator.Request.packagesOf(edge)
                .withPieceLength(BLOCK));
        Map<?, ?> root = (Map<?, ?>) Bencode.decode(v1.bytes());
        assertThat(root.containsKey("piece layers")).isFalse();
        Map<?, ?> info1 = (Map<?, ?>) root.get("info");
        assertThat(info1.containsKey("meta version") || info1.containsKey("file tree")).isFalse();
        List<?> files = (List<?>) info1.get("files");
        assertThat(((Map<?, ?>) files.get(files.size() - 1)).containsKey("attr")).as("v1: no tail pad").isFalse();
    }

    /** Why v1 stays the default: the two BitTorrent v1 clients Debian 12 ships cannot take part. */
    @Test
    void transmission300RefusesAHybridAndAria2136ReadsItUnderAnotherInfoHash() throws Exception {
        Path repo = edgeCases(dir.resolve("repo"), BLOCK);
        RepositoryTorrent torrent = create(repo, BLOCK);
        Path file = dir.resolve("repo.torrent");
        torrent.write(file);
        Process transmission = new ProcessBuilder("transmission-show", file.toString()).redirectErrorStream(true)
                .start();
        String shown = new String(transmission.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(transmission.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(shown).contains("Error parsing .torrent file");

        Process aria2 = new ProcessBuilder("aria2c", "--show-files", file.toString()).redirectErrorStream(true)
                .start();
        String listed = new String(aria2.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(aria2.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // aria2 hashes its own re-encoding of the info dictionary, which loses the file tree's empty keys.
        assertThat(listed).containsPattern("Info Hash: [0-9a-f]{40}").doesNotContain(torrent.infoHash());
    }

    @Test
    void aLeecherGetsSelectedFilesOfAHybridTorrentFromASeederVerified() throws Exception {
        Path repo = edgeCases(dir.resolve("seed/repo"), BLOCK);
        TorrentCreatorTest.generate(repo, 12, 200_000);
        RepositoryTorrent torrent = create(repo, BLOCK);
        Path file = dir.resolve("repo.torrent");
        torrent.write(file);
        List<TorrentFile> selected = torrent.files().stream()
                .filter(f -> f.path().endsWith("one-byte.deb") || f.path().endsWith("three-pieces.deb")
                        || f.path().endsWith("pkg4_1.0_amd64.deb") || f.path().endsWith("pkg11_1.0_amd64.deb"))
                .toList();
        assertThat(selected).hasSize(4);
        long selectedSize = selected.stream().mapToLong(TorrentFile::size).sum();

        try (TestEngine seeder = TestEngine.start(dir, "seeder");
                TestEngine leecher = TestEngine.start(dir, "leecher")) {
            seeder.process.add(EngineProcess.Add.of("repo", file, dir.resolve("seed")));
            EngineEvent.Added added = (EngineEvent.Added) seeder.await(e -> e instanceof EngineEvent.Added);
            // The engine names a hybrid by libtorrent's best hash (truncated v2), not by peerget's v1 info hash.
            assertThat(added.infoHash()).isNotEqualTo(torrent.infoHash()).hasSize(40);
            seeder.awaitProgress("repo", EngineEvent.Progress::seeding);
            Path target = dir.resolve("leech");
            leecher.process.add(EngineProcess.Add.of("repo", file, target)
                    .withFiles(selected.stream().map(TorrentFile::index).toList())
                    .withPeers(List.of(seeder.address())));
            leecher.awaitFinished("repo");
            EngineEvent.Progress last = leecher.settledStatus("repo");
            assertThat(last.wanted()).isEqualTo(selectedSize);
            assertThat(last.wantedDone()).isEqualTo(selectedSize);

            Set<String> wanted = selected.stream().map(TorrentFile::path).collect(Collectors.toSet());
            for (TorrentFile f : torrent.files()) {
                Path got = target.resolve("repo").resolve(f.path());
                if (wanted.contains(f.path())) {
                    assertThat(sha256(got)).as(f.path()).isEqualTo(sha256(repo.resolve(f.path())));
                } else {
                    assertThat(sizeOrZero(got)).as("unselected " + f.path()).isZero();
                }
            }
        }
    }

    /** The v1 list's real files as "path length", pads left out. */
    private static List<String> realFiles(Map<?, ?> info) {
        return ((List<?>) info.get("files")).stream().map(e -> (Map<?, ?>) e).filter(f -> !f.containsKey("attr"))
                .map(f -> ((List<?>) f.get("path")).stream().map(p -> new String((byte[]) p, StandardCharsets.UTF_8))
                        .collect(Collectors.joining("/")) + " " + f.get("length"))
                .toList();
    }

    private static RepositoryTorrent create(Path repo, int pieceLength) {
        return new TorrentCreator().create(TorrentCreator.Request.packagesOf(repo).withPieceLength(pieceLength)
                .withFormat(MetainfoFormat.HYBRID));
    }

    private Path cache() throws IOException {
        return Files.createDirectories(dir.resolve("cache"));
    }

    /**
     * Files whose sizes are BEP 52's edge cases for {@code pieceLength}: empty, one byte, whole blocks (one, two,
     * three: padded to four leaves when a piece holds more), one piece, one piece and a byte, whole pieces (three:
     * a piece layer padded to four), and a ragged end. The empty file follows one that needs a pad. Their names
     * order differently as UTF-16 strings, whole strings and UTF-8 path components, which is the order that counts.
     */
    static Path edgeCases(Path root, int pieceLength) throws IOException {
        long[][] cases = {{0}, {1}, {5000}, {BLOCK}, {2 * BLOCK}, {3 * BLOCK}, {pieceLength}, {pieceLength + 1},
                {3L * pieceLength}, {5L * pieceLength / 2 + 7}};
        String[] names = {"b/empty.deb", "a-b/one-byte.deb", "a.deb", "a/one-block.deb", "b/two-blocks.deb",
                "b/three-blocks.deb", "c/\uFF21-one-piece.deb", "c/\uD83D\uDE00-piece-and-a-byte.deb",
                "d/three-pieces.deb", "d/ragged.deb"};
        for (int i = 0; i < names.length; i++) {
            write(root.resolve("pool/" + names[i]), cases[i][0], i);
        }
        return root;
    }

    private static void write(Path file, long size, int seed) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] data = new byte[Math.toIntExact(size)];
        new Random(seed).nextBytes(data);
        Files.write(file, data);
    }

    /** BEP 52's pieces root, straight from its definition: whole tree of 16 KiB leaves, zero-padded. */
    static byte[] bep52Root(byte[] data) {
        List<byte[]> layer = leaves(data);
        while (layer.size() > 1) {
            layer = up(layer);
        }
        return layer.get(0);
    }

    /** The layer where one hash covers a piece, without the hashes that only balance the tree. */
    static byte[] bep52PieceLayer(byte[] data, int pieceLength) {
        List<byte[]> layer = leaves(data);
        for (int covered = BLOCK; covered < pieceLength; covered *= 2) {
            layer = up(layer);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pieces = (data.length + pieceLength - 1) / pieceLength;
        layer.subList(0, pieces).forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static List<byte[]> leaves(byte[] data) {
        List<byte[]> leaves = new ArrayList<>();
        for (int at = 0; at < data.length; at += BLOCK) {
            leaves.add(digest("SHA-256", Arrays.copyOfRange(data, at, Math.min(data.length, at + BLOCK))));
        }
        int width = 1;
        while (width < leaves.size()) {
            width *= 2;
        }
        while (leaves.size() < width) {
            leaves.add(new byte[32]);
        }
        return leaves;
    }

    private static List<byte[]> up(List<byte[]> layer) {
        List<byte[]> next = new ArrayList<>();
        for (int i = 0; i < layer.size(); i += 2) {
            byte[] pair = Arrays.copyOf(layer.get(i), 64);
            System.arraycopy(layer.get(i + 1), 0, pair, 32, 32);
            next.add(digest("SHA-256", pair));
        }
        return next;
    }

    /** The file tree's files, path to properties, in the order they are encoded. */
    private static void flatten(Map<?, ?> node, String prefix, Map<String, Map<?, ?>> out) {
        for (Map.Entry<?, ?> e : node.entrySet()) {
            Map<?, ?> child = (Map<?, ?>) e.getValue();
            String path = prefix + e.getKey();
            if (child.containsKey("")) {
                out.put(path, (Map<?, ?>) child.get(""));
            } else {
                flatten(child, path + "/", out);
            }
        }
    }

    /**
     * {@code piece layers}, hex root to layer, parsed from its raw bytes: its keys are binary, which the generic
     * decoder turns into strings.
     */
    private static Map<String, byte[]> pieceLayers(byte[] torrent) {
        byte[] raw = Bencode.rawValue(torrent, "piece layers");
        Map<String, byte[]> layers = new LinkedHashMap<>();
        int at = 1;
        while (raw[at] != 'e') {
            assertThat(new String(raw, at, 3, StandardCharsets.US_ASCII)).isEqualTo("32:");
            String key = HEX.formatHex(raw, at + 3, at + 35);
            at += 35;
            int colon = at;
            while (raw[colon] != ':') {
                colon++;
            }
            int length = Integer.parseInt(new String(raw, at, colon - at, StandardCharsets.US_ASCII));
            layers.put(key, Arrays.copyOfRange(raw, colon + 1, colon + 1 + length));
            at = colon + 1 + length;
        }
        return layers;
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
