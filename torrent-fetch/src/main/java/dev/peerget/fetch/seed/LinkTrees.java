package dev.peerget.fetch.seed;

import dev.peerget.fetch.torrent.RepositoryTorrent;
import dev.peerget.fetch.torrent.TorrentFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The seeding daemon's {@code data/} directory: a tree a torrent, laid out as the torrent says, each file a symbolic
 * link to the verified file of the package cache (read-only to the daemon), for the engine to seed from.
 */
final class LinkTrees {
    private final Path dataDir;
    private final Consumer<String> log;

    LinkTrees(Path dataDir, Consumer<String> log) {
        this.dataDir = dataDir;
        this.log = log;
    }

    /** Where the tree of torrent {@code infoHash} goes: the engine's save directory for it. */
    Path saveDir(String infoHash) {
        return dataDir.resolve(infoHash);
    }

    /**
     * Puts a link to each cached file at its place in the torrent's layout under {@code saveDir} and returns the
     * indexes of the files that are there (a user may have cleaned the cache since).
     */
    List<Integer> layOut(SeedEntry e, RepositoryTorrent torrent, Path saveDir) {
        List<Integer> present = new ArrayList<>();
        Path top = saveDir.resolve(torrent.name()).normalize();
        for (TorrentFile f : torrent.files()) {
            Path cached = e.files().get(f.index());
            if (cached == null) {
                continue;
            }
            Path link = top.resolve(f.path()).normalize();
            try {
                if (!link.startsWith(top) || !Files.isRegularFile(cached) || Files.size(cached) != f.size()) {
                    continue;
                }
                if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(cached)) {
                    present.add(f.index());
                    continue;
                }
                Files.createDirectories(link.getParent());
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, cached);
                present.add(f.index());
            } catch (IOException ex) {
                log.accept("cannot offer " + f.path() + ": " + ex.getMessage());
            }
        }
        return present;
    }

    /** Deletes the tree of torrent {@code infoHash}: the links, never the cached files they point to. */
    void delete(String infoHash) throws IOException {
        Path tree = saveDir(infoHash);
        if (Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> all = Files.walk(tree)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
