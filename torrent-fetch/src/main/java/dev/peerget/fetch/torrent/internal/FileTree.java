package dev.peerget.fetch.torrent.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The v2 half of a torrent's metadata (BEP 52): the info dictionary's {@code file tree} and the top-level
 * {@code piece layers}, built one file at a time.
 *
 * <p>The file tree is a dictionary per directory, keyed by path component, each file a dictionary holding its
 * properties under the empty key; bencoding orders every level by raw bytes, which fixes the order of the files
 * (a v1 file list of the same torrent must follow it, see {@code TorrentCreator}). Pad files are a v1 device and
 * never appear here. {@code piece layers} is keyed by pieces root, so identical files share one entry.
 *
 * <p>Not thread-safe.
 */
public final class FileTree {
    private final Map<String, Object> root = Bencode.dictionary();
    private final Map<byte[], byte[]> pieceLayers = new TreeMap<>(Arrays::compareUnsigned);

    /** Adds the file at {@code path} (its components) with its v2 hashes. */
    public void add(List<String> path, MerkleHasher.FileHashes hashes) {
        Map<String, Object> directory = root;
        for (String part : path.subList(0, path.size() - 1)) {
            Object node = directory.computeIfAbsent(part, k -> Bencode.dictionary());
            if (isFile(node)) {
                throw new IllegalArgumentException(String.join("/", path) + " is under a file: " + part);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> next = (Map<String, Object>) node;
            directory = next;
        }
        String name = path.get(path.size() - 1);
        if (directory.containsKey(name)) {
            throw new IllegalArgumentException(String.join("/", path) + " is both a file and a directory");
        }
        Map<String, Object> properties = Bencode.dictionary();
        properties.put("length", hashes.length());
        if (hashes.root() != null) {
            properties.put("pieces root", hashes.root());
        }
        directory.put(name, Map.of("", properties));
        if (hashes.pieceLayer().length > 0) {
            pieceLayers.put(hashes.root(), hashes.pieceLayer());
        }
    }

    /** The info dictionary's {@code file tree}. */
    public Map<String, Object> fileTree() {
        return root;
    }

    /** The torrent's {@code piece layers}: pieces root to layer, for every file larger than one piece. */
    public Map<byte[], byte[]> pieceLayers() {
        return pieceLayers;
    }

    private static boolean isFile(Object node) {
        return node instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("");
    }
}
