package dev.peerget.engine.mirror;

import dev.peerget.fetch.torrent.RepositoryTorrent;
import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import dev.peerget.repo.TorrentIndex;
import dev.peerget.repo.rpm.Repomd;
import dev.peerget.repo.rpm.RepomdData;
import dev.peerget.repo.rpm.RepomdEditor;
import dev.peerget.repo.rpm.RepomdParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Publishes a yum repository's torrent: the packages of its primary metadata, written to
 * {@code repodata/<sha256>-peerget.torrent} and listed in repomd.xml as {@code <data type="torrent">}, the
 * layout {@code modifyrepo_c --mdtype=torrent --no-compress} gives ({@link RepomdEditor}). The torrent file is
 * content-addressed: the new file is written before the repomd that lists it, and the old ones deleted after.
 */
final class YumPublisher {
    private static final Pattern OURS = Pattern.compile("[0-9a-f]{64}-" + Pattern.quote(TorrentIndex.REPOMD_FILE_NAME));

    private final TorrentSettings settings;
    private final Clock clock;

    YumPublisher(TorrentSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    Optional<IndexTorrent> publish(RepositoryTree.YumRepository repo, List<String> warnings) {
        Path repomdPath = repo.repomd();
        String text;
        try {
            text = Files.readString(repomdPath, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MirrorException("cannot read " + repomdPath + ": " + e.getMessage(),
                    "check that the repository is readable", e);
        }
        Repomd repomd = RepomdParser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                repomdPath.toString());
        IndexedPackages packages = IndexedPackages.ofYum(repo.root(), repomd, repomdPath.toString());
        if (packages.sizes().isEmpty()) {
            warnings.add("repodata lists no packages: no torrent for it");
            return Optional.empty();
        }
        RepositoryTorrent torrent = settings.create(repo.root(), packages);
        byte[] bytes = torrent.bytes();
        Checksum checksum = new Checksum(HashAlgorithm.SHA256, FileDigests.hex(bytes, "SHA-256"));
        String location = "repodata/" + checksum.hex() + "-" + TorrentIndex.REPOMD_FILE_NAME;
        Path torrentFile = repo.root().resolve(location);
        Optional<RepomdData> old = repomd.data(TorrentIndex.REPOMD_TYPE);
        List<Path> changed = new ArrayList<>();
        if (!AtomicFiles.holds(torrentFile, bytes)) {
            AtomicFiles.write(torrentFile, bytes);
            changed.add(torrentFile);
        }
        boolean listed = old.isPresent() && old.get().location().equals(location)
                && old.get().checksum().equals(checksum) && old.get().size() == bytes.length;
        if (!listed) {
            String edited = RepomdEditor.withData(text, TorrentIndex.REPOMD_TYPE, location, checksum, bytes.length,
                    clock.instant().getEpochSecond(), repomdPath.toString());
            AtomicFiles.write(repomdPath, edited.getBytes(StandardCharsets.UTF_8));
            changed.add(repomdPath);
        }
        deleteOthers(repo, torrentFile);
        return Optional.of(new IndexTorrent("repodata", torrentFile, torrent.infoHash(), torrent.files().size(),
                torrent.totalSize(), torrent.pieceLength(), changed, repomdPath, packages.skipped()));
    }

    /**
     * Deletes the torrents repomd.xml no longer lists, but only files of ours ({@code <sha256>-peerget.torrent}):
     * the one this run replaced, and those a createrepo_c run left behind when it rewrote repomd.xml without
     * their entry.
     */
    private static void deleteOthers(RepositoryTree.YumRepository repo, Path current) {
        Path repodata = repo.root().resolve("repodata");
        try (Stream<Path> files = Files.list(repodata)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.equals(current) && OURS.matcher(f.getFileName().toString()).matches()) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new MirrorException("cannot delete old torrents in " + repodata + ": " + e.getMessage(),
                    "delete its *-" + TorrentIndex.REPOMD_FILE_NAME + " files other than " + current.getFileName()
                            + " by hand; repomd.xml no longer lists them", e);
        }
    }

    /** The signature of repomd.xml: repomd.xml.asc. */
    static List<IndexSignature> signatures(IndexTorrent torrent) {
        Path repomd = torrent.dataFile();
        return List.of(new IndexSignature(repomd, repomd.resolveSibling("repomd.xml.asc"),
                IndexSignature.Kind.DETACHED));
    }
}
