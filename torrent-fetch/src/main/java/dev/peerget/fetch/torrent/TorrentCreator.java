package dev.peerget.fetch.torrent;

import dev.peerget.fetch.FetchException;
import dev.peerget.fetch.torrent.internal.Bencode;
import dev.peerget.fetch.torrent.internal.FileTree;
import dev.peerget.fetch.torrent.internal.MerkleHasher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes a repository's torrent: BitTorrent v1, multi-file, every file starting on a piece boundary thanks to
 * BEP 47 pad files (the layout of libtorrent's {@code create_torrent::canonical_files}), so a client that selects a
 * few packages downloads only their pieces. v1 with pads by default because aria2 1.36 and Transmission 3.00 cannot
 * read v2 torrents but read this.
 *
 * <p>On request ({@link MetainfoFormat#HYBRID}) the torrent is a BEP 52 hybrid: the same v1 half, plus
 * {@code meta version} 2, the {@code file tree} with each file's merkle {@code pieces root}, and {@code piece
 * layers}, with the same piece length. Both halves describe the same pieces, which BEP 52 requires: the v1 file
 * list is in the file tree's order (raw bytes of each path component), and a pad file follows every file that does
 * not end on a piece boundary, the last one included when there are several files. That tail pad is what BEP 52's
 * reference creator writes and what libtorrent's loader assumes since 2.0.4 (arvidn/libtorrent#6153; it still
 * accepts hybrids without one), and it makes libtorrent's file indexes those of the v1 list. The v1 info hash
 * (what peerget identifies a torrent by) is the SHA-1 of the whole info dictionary, v2 keys included.
 *
 * <p>Pure Java on purpose: the mirror side never loads libtorrent's native library into its own JVM (see
 * {@link EngineProcess}). The output is a function of the request and the files' contents only — files sorted by
 * path, no creation date, a fixed "created by" — so two mirrors with the same pool publish the same info hash.
 *
 * <p>Web seeds follow BEP 19: for a multi-file torrent a client requests {@code URL/NAME/PATH} when the URL ends
 * with {@code /}; so with the repository served at {@code http://host/debian/} and {@code name} "debian", the web
 * seed is {@code http://host/}.
 *
 * <p>Stateless and thread-safe.
 */
public final class TorrentCreator {
    /** Smallest piece: libtorrent's block size, below which a piece cannot go. */
    static final int MIN_PIECE = 16 * 1024;
    static final int MAX_PIECE = 16 * 1024 * 1024;
    /** Aim for at most this many pieces of data, keeping the .torrent's hash list near 640 KB at most. */
    static final long TARGET_PIECES = 32 * 1024;
    private static final String CREATED_BY = "peerget";

    /**
     * What to put in the torrent.
     *
     * @param root the repository root, which {@code paths} are relative to
     * @param paths relative paths ({@code /}-separated) of the files to include, typically the package files
     * @param name the torrent's name: the top directory clients save the files under
     * @param webSeeds BEP 19 web seed URLs
     * @param trackers announce URLs, one tier each
     * @param pieceLength a power of two ≥ 16 KiB, or 0 to choose with {@link #choosePieceLength}
     * @param format v1, or hybrid v1 + v2
     */
    public record Request(Path root, List<String> paths, String name, List<String> webSeeds, List<String> trackers,
            int pieceLength, MetainfoFormat format) {
        public Request {
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(format, "format");
            paths = List.copyOf(paths);
            webSeeds = List.copyOf(webSeeds);
            trackers = List.copyOf(trackers);
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("a torrent needs at least one file");
            }
            if (name.isEmpty() || name.contains("/") || name.equals("..") || name.equals(".")) {
                throw new IllegalArgumentException("bad torrent name: " + name);
            }
            if (pieceLength != 0 && (pieceLength < MIN_PIECE || Integer.bitCount(pieceLength) != 1)) {
                throw new IllegalArgumentException("piece length must be a power of two >= 16 KiB: " + pieceLength);
            }
            for (String path : paths) {
                checkPath(path);
            }
        }

        /** A v1 torrent. */
        public Request(Path root, List<String> paths, String name, List<String> webSeeds, List<String> trackers,
                int pieceLength) {
            this(root, paths, name, webSeeds, trackers, pieceLength, MetainfoFormat.V1);
        }

        /** All package files under {@code root}, named after the root directory, no seeds or trackers, v1. */
        public static Request packagesOf(Path root) {
            return new Request(root, PackageFiles.list(root), root.toAbsolutePath().normalize().getFileName().toString(),
                    List.of(), List.of(), 0);
        }

        public Request withWebSeeds(List<String> urls) {
            return new Request(root, paths, name, urls, trackers, pieceLength, format);
        }

        public Request withTrackers(List<String> urls) {
            return new Request(root, paths, name, webSeeds, urls, pieceLength, format);
        }

        public Request withName(String newName) {
            return new Request(root, paths, newName, webSeeds, trackers, pieceLength, format);
        }

        public Request withPieceLength(int length) {
            return new Request(root, paths, name, webSeeds, trackers, length, format);
        }

        public Request withFormat(MetainfoFormat newFormat) {
            return new Request(root, paths, name, webSeeds, trackers, pieceLength, newFormat);
        }
    }

    public RepositoryTorrent create(Request request) {
        List<String> paths = new ArrayList<>(request.paths());
        paths.sort(BY_COMPONENTS);
        for (int i = 1; i < paths.size(); i++) {
            if (paths.get(i).equals(paths.get(i - 1))) {
                throw new IllegalArgumentException("duplicate path " + paths.get(i));
            }
        }
        long[] sizes = new long[paths.size()];
        long total = 0;
        for (int i = 0; i < paths.size(); i++) {
            Path file = request.root().resolve(paths.get(i));
            try {
                sizes[i] = Files.size(file);
            } catch (IOException e) {
                throw failure(file, e);
            }
            total += sizes[i];
        }
        int pieceLength = request.pieceLength() != 0 ? request.pieceLength() : choosePieceLength(total);
        boolean hybrid = request.format() == MetainfoFormat.HYBRID;

        List<Object> files = new ArrayList<>();
        PieceHasher hasher = new PieceHasher(pieceLength);
        FileTree tree = new FileTree();
        byte[] buffer = new byte[64 * 1024];
        for (int i = 0; i < paths.size(); i++) {
            Path file = request.root().resolve(paths.get(i));
            List<String> parts = List.of(paths.get(i).split("/"));
            files.add(Map.of("length", sizes[i], "path", parts));
            MerkleHasher merkle = hybrid ? new MerkleHasher(pieceLength) : null;
            try (InputStream in = Files.newInputStream(file)) {
                long read = 0;
                int n;
                while ((n = in.read(buffer)) > 0) {
                    hasher.update(buffer, n);
                    if (merkle != null) {
                        merkle.update(buffer, 0, n);
                    }
                    read += n;
                }
                if (read != sizes[i]) {
                    throw new IOException("changed size while hashing (" + sizes[i] + " then " + read + " bytes)");
                }
            } catch (IOException e) {
                throw failure(file, e);
            }
            if (merkle != null) {
                tree.add(parts, merkle.finish());
            }
            long pad = (pieceLength - sizes[i] % pieceLength) % pieceLength;
            // The last file's tail is padded in a hybrid torrent only (see the class comment), and never when it is
            // the only file (libtorrent and BEP 52's reference creator do not pad a single file).
            boolean last = i == paths.size() - 1;
            if (pad != 0 && (!last || hybrid && paths.size() > 1)) {
                // BEP 47: a pad file is zeros, flagged "p", conventionally named .pad/<size>.
                files.add(Map.of("attr", "p", "length", pad, "path", List.of(".pad", Long.toString(pad))));
                hasher.zeros(pad);
            }
        }

        Map<String, Object> info = Bencode.dictionary();
        info.put("name", request.name());
        info.put("piece length", (long) pieceLength);
        info.put("pieces", hasher.finish());
        info.put("files", files);
        Map<String, Object> torrent = Bencode.dictionary();
        if (hybrid) {
            info.put("meta version", 2L);
            info.put("file tree", tree.fileTree());
            // BEP 52: required even when empty (every file within one piece); libtorrent refuses a v2 torrent
            // without it.
            torrent.put("piece layers", tree.pieceLayers());
        }
        torrent.put("info", info);
        torrent.put("created by", CREATED_BY);
        if (!request.trackers().isEmpty()) {
            torrent.put("announce", request.trackers().get(0));
            torrent.put("announce-list", request.trackers().stream().map(List::of).toList());
        }
        if (!request.webSeeds().isEmpty()) {
            torrent.put("url-list", request.webSeeds());
        }
        return RepositoryTorrent.parse(Bencode.encode(torrent));
    }

    /**
     * The smallest power of two ≥ 16 KiB giving at most {@value #TARGET_PIECES} pieces of data, capped at 16 MiB.
     * Alignment already gives every file its own pieces, so a larger piece costs no download volume, only
     * verification granularity; a smaller one costs 20 bytes of .torrent per piece.
     */
    public static int choosePieceLength(long totalSize) {
        int length = MIN_PIECE;
        while (length < MAX_PIECE && (totalSize + length - 1) / length > TARGET_PIECES) {
            length *= 2;
        }
        return length;
    }

    /**
     * Path order by components, each compared by its UTF-8 bytes, so "a/b" sorts before "a-b/c" as a directory
     * listing would. This is the order of a v2 file tree (bencoded dictionaries, BEP 3: keys sorted as raw
     * strings), which a hybrid torrent's v1 file list must follow.
     */
    private static final Comparator<String> BY_COMPONENTS = (a, b) -> Arrays.compare(utf8Components(a),
            utf8Components(b), Arrays::compareUnsigned);

    private static byte[][] utf8Components(String path) {
        return Arrays.stream(path.split("/")).map(p -> p.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    private static void checkPath(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("\\")) {
            throw new IllegalArgumentException("not a relative file path: " + path);
        }
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("not a normalised relative path: " + path);
            }
        }
    }

    private static FetchException failure(Path file, IOException e) {
        return new FetchException("cannot hash " + file + " for the torrent: " + e.getMessage(), null, e,
                FetchException.Reason.FAILED);
    }

    /** SHA-1 of consecutive pieces over a stream of files and pads (BEP 3 "pieces"). */
    private static final class PieceHasher {
        private final int pieceLength;
        private final MessageDigest sha1;
        private final ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        private long inPiece;

        PieceHasher(int pieceLength) {
            this.pieceLength = pieceLength;
            try {
                this.sha1 = MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is required of every JRE", e);
            }
        }

        /** The next {@code length} bytes of data, from the start of {@code data}. */
        void update(byte[] data, int length) {
            int offset = 0;
            while (offset < length) {
                int n = (int) Math.min(length - offset, pieceLength - inPiece);
                sha1.update(data, offset, n);
                inPiece += n;
                offset += n;
                if (inPiece == pieceLength) {
                    pieces.writeBytes(sha1.digest());
                    inPiece = 0;
                }
            }
        }

        void zeros(long count) {
            byte[] zero = new byte[(int) Math.min(64 * 1024, count)];
            while (count > 0) {
                int n = (int) Math.min(zero.length, count);
                update(zero, n);
                count -= n;
            }
        }

        byte[] finish() {
            if (inPiece > 0) {
                pieces.writeBytes(sha1.digest());
                inPiece = 0;
            }
            return pieces.toByteArray();
        }
    }

    /** Finds package files under a repository root. */
    static final class PackageFiles {
        private PackageFiles() {}

        /** Relative paths of every .deb, .udeb and .rpm under {@code root}, sorted. */
        static List<String> list(Path root) {
            try (Stream<Path> walk = Files.walk(root)) {
                return walk.filter(Files::isRegularFile)
                        .map(p -> root.relativize(p).toString().replace('\\', '/'))
                        .filter(p -> p.endsWith(".deb") || p.endsWith(".udeb") || p.endsWith(".rpm"))
                        .sorted(BY_COMPONENTS)
                        .toList();
            } catch (IOException | UncheckedIOException e) {
                throw new FetchException("cannot list the package files under " + root + ": " + e.getMessage(), null,
                        e, FetchException.Reason.FAILED);
            }
        }
    }
}
