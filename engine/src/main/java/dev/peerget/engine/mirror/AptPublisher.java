package dev.peerget.engine.mirror;

import dev.peerget.fetch.torrent.RepositoryTorrent;
import dev.peerget.repo.TorrentIndex;
import dev.peerget.repo.deb.ReleaseFile;
import dev.peerget.repo.deb.ReleaseFileEditor;
import dev.peerget.repo.deb.ReleaseFileParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Publishes one torrent per apt suite: the packages of every Packages index the suite's Release lists, written
 * to {@code dists/SUITE/peerget.torrent} and listed in that Release ({@link ReleaseFileEditor}). The torrent is
 * written before the Release, and neither when both already hold what this run would write.
 */
final class AptPublisher {
    private final TorrentSettings settings;

    AptPublisher(TorrentSettings settings) {
        this.settings = settings;
    }

    /** The suite's torrent, or empty (with a warning added) when its indexes list no package. */
    Optional<IndexTorrent> publish(RepositoryTree.AptArchive archive, String suite, List<String> warnings) {
        Path suiteDir = archive.suiteDir(suite);
        Path releasePath = suiteDir.resolve("Release");
        String text;
        try {
            text = Files.readString(releasePath, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MirrorException("cannot read " + releasePath + ": " + e.getMessage(),
                    "check that the repository is readable", e);
        }
        ReleaseFile release = ReleaseFileParser.parse(text, releasePath.toString());
        IndexedPackages packages = IndexedPackages.ofAptSuite(archive.root(), suiteDir, release,
                releasePath.toString());
        String index = "dists/" + suite;
        if (packages.sizes().isEmpty()) {
            warnings.add(index + " lists no packages: no torrent for it");
            return Optional.empty();
        }
        RepositoryTorrent torrent = settings.create(archive.root(), packages);
        byte[] bytes = torrent.bytes();
        String edited = ReleaseFileEditor.withFile(text, TorrentIndex.APT_PATH, bytes, releasePath.toString());
        Path torrentFile = suiteDir.resolve(TorrentIndex.APT_PATH);
        List<Path> changed = new ArrayList<>();
        if (!AtomicFiles.holds(torrentFile, bytes)) {
            AtomicFiles.write(torrentFile, bytes);
            changed.add(torrentFile);
        }
        if (!edited.equals(text)) {
            AtomicFiles.write(releasePath, edited.getBytes(StandardCharsets.UTF_8));
            changed.add(releasePath);
        }
        return Optional.of(new IndexTorrent(index, torrentFile, torrent.infoHash(), torrent.files().size(),
                torrent.totalSize(), torrent.pieceLength(), changed, releasePath, packages.skipped()));
    }

    /** The signatures of a suite's Release: InRelease and Release.gpg. */
    static List<IndexSignature> signatures(IndexTorrent torrent) {
        Path release = torrent.dataFile();
        return List.of(new IndexSignature(release, release.resolveSibling("InRelease"), IndexSignature.Kind.CLEARSIGNED),
                new IndexSignature(release, release.resolveSibling("Release.gpg"), IndexSignature.Kind.DETACHED));
    }
}
