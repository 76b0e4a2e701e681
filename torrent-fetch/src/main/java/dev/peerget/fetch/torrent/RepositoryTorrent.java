package dev.peerget.fetch.torrent;

import dev.peerget.fetch.FetchException;
import dev.peerget.fetch.torrent.internal.Bencode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A repository's torrent (multi-file, BitTorrent v1 or a BEP 52 hybrid, BEP 47 pad files allowed): its bytes and
 * what a client needs to pick files from it, read from the v1 half. For a hybrid, libtorrent lays the files out
 * from the v2 file tree, which {@link TorrentCreator} keeps identical to the v1 list, pads included, so the indexes
 * here are libtorrent's.
 *
 * <p>Files live under the directory {@link #name()} inside a download's save directory, at their repository paths.
 * Immutable and thread-safe.
 *
 * @param bytes the .torrent file
 * @param name the torrent's name (its top directory)
 * @param pieceLength bytes per piece
 * @param files the real files in torrent order, pad files left out (their indexes skip the pads)
 * @param infoHash the hex SHA-1 of the info dictionary: the v1 info hash, also of a hybrid (whose v2 hash is the
 *     SHA-256 of the same bytes); peerget names torrents by it
 */
public record RepositoryTorrent(byte[] bytes, String name, int pieceLength, List<TorrentFile> files, String infoHash) {
    public RepositoryTorrent {
        bytes = bytes.clone();
        files = List.copyOf(files);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The file at a repository path, if the torrent has it. */
    public Optional<TorrentFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /** Total size of the real files. */
    public long totalSize() {
        return files.stream().mapToLong(TorrentFile::size).sum();
    }

    public void write(Path target) throws IOException {
        Files.write(target, bytes);
    }

    public static RepositoryTorrent read(Path torrent) {
        try {
            return parse(Files.readAllBytes(torrent));
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new FetchException("cannot read torrent " + torrent + ": " + e.getMessage(), null, e,
                    FetchException.Reason.FAILED);
        }
    }

    /** Parses a multi-file v1 or hybrid torrent; throws IllegalArgumentException when it has no v1 file list. */
    public static RepositoryTorrent parse(byte[] bytes) {
        Map<?, ?> root = (Map<?, ?>) Bencode.decode(bytes);
        Map<?, ?> info = (Map<?, ?>) root.get("info");
        if (info == null || !(info.get("files") instanceof List<?> list)) {
            throw new IllegalArgumentException("not a multi-file v1 torrent (no info.files)");
        }
        List<TorrentFile> files = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Map<?, ?> entry = (Map<?, ?>) list.get(i);
            Object attr = entry.get("attr");
            if (attr != null && new String((byte[]) attr, StandardCharsets.UTF_8).contains("p")) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            for (Object part : (List<?>) entry.get("path")) {
                parts.add(new String((byte[]) part, StandardCharsets.UTF_8));
            }
            files.add(new TorrentFile(i, String.join("/", parts), (Long) entry.get("length")));
        }
        String name = new String((byte[]) info.get("name"), StandardCharsets.UTF_8);
        int pieceLength = Math.toIntExact((Long) info.get("piece length"));
        return new RepositoryTorrent(bytes, name, pieceLength, files, sha1Hex(Bencode.rawValue(bytes, "info")));
    }

    private static String sha1Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JRE", e);
        }
    }

}
