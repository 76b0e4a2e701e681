package dev.peerget.engine.mirror;

import dev.peerget.fetch.torrent.EngineConfig;
import dev.peerget.fetch.torrent.EngineProcess;
import dev.peerget.fetch.torrent.RepositoryTorrent;
import dev.peerget.fetch.torrent.TorrentFile;
import dev.peerget.repo.TorrentIndex;
import dev.peerget.repo.deb.ReleaseFileParser;
import dev.peerget.repo.rpm.RepomdData;
import dev.peerget.repo.rpm.RepomdParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code mirror seed}: seeds the torrents a repository publishes, from the repository's own files, in a torrent
 * engine child process ({@link EngineProcess}).
 *
 * <p>The engine saves a torrent's files under {@code saveDir/NAME/PATH}. When the repository's directory is
 * called NAME, the save directory is its parent; otherwise it is {@code STATE/seed/<hash of the root>/}, holding
 * a symbolic link NAME to the root. Before anything starts, every file of every torrent must be on disk with the
 * size the torrent states: a torrent older than the repository would otherwise seed nothing.
 */
public final class MirrorSeeder {
    private MirrorSeeder() {
    }

    /** Starts seeding; the caller runs the session ({@link SeedSession#run}) and closes it. */
    public static SeedSession start(SeedRequest request, SeedListener listener) {
        RepositoryTree tree = RepositoryTree.detect(request.root());
        List<String> warnings = new ArrayList<>();
        List<SeededTorrent> torrents = new ArrayList<>();
        Set<String> hashes = new HashSet<>();
        for (Published p : published(tree, warnings)) {
            RepositoryTorrent torrent = RepositoryTorrent.read(p.file());
            if (!hashes.add(torrent.infoHash())) {
                warnings.add(p.id() + " publishes the same torrent as another index: seeded once");
                continue;
            }
            checkFiles(tree.root(), p, torrent);
            Path saveDir = saveDir(tree.root(), torrent.name(), request.stateDir());
            torrents.add(new SeededTorrent(p.id(), p.file(), torrent.name(), torrent.infoHash(),
                    torrent.files().size(), torrent.totalSize(), saveDir));
        }
        if (torrents.isEmpty()) {
            throw new MirrorException("no torrent is published in " + tree.root(),
                    "run 'peerget mirror torrent " + tree.root() + "' first");
        }
        SeedRelay relay = new SeedRelay(listener, torrents);
        EngineProcess engine = EngineProcess.start(EngineConfig.of(request.stateDir(), request.listen(),
                request.localOnly()), relay);
        SeedSession session = new SeedSession(engine, torrents, listener, request.statusInterval(), warnings, relay);
        try {
            for (SeededTorrent t : torrents) {
                engine.add(t.id(), t.torrentFile(), t.saveDir(), List.of(), List.of());
            }
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    private record Published(String id, Path file) { }

    /** The torrents the repository's indexes list (a torrent file an index does not list is only warned about). */
    private static List<Published> published(RepositoryTree tree, List<String> warnings) {
        List<Published> out = new ArrayList<>();
        if (tree instanceof RepositoryTree.AptArchive apt) {
            for (String suite : apt.suites()) {
                Path file = apt.suiteDir(suite).resolve(TorrentIndex.APT_PATH);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                Path release = apt.suiteDir(suite).resolve("Release");
                try {
                    if (ReleaseFileParser.parse(Files.readString(release, StandardCharsets.UTF_8), release.toString())
                            .file(TorrentIndex.APT_PATH).map(f -> f.size() != sizeOf(file)).orElse(true)) {
                        warnings.add(release + " does not list " + file + " as it is: clients will not use it; run "
                                + "'peerget mirror torrent' again");
                    }
                } catch (IOException e) {
                    warnings.add("cannot read " + release + ": " + e.getMessage());
                }
                out.add(new Published("dists/" + suite, file));
            }
        } else {
            Path repomd = ((RepositoryTree.YumRepository) tree).repomd();
            try (InputStream in = Files.newInputStream(repomd)) {
                Optional<RepomdData> entry = RepomdParser.parse(in, repomd.toString()).data(TorrentIndex.REPOMD_TYPE);
                entry.ifPresent(e -> out.add(new Published("repodata", tree.root().resolve(e.location()))));
            } catch (IOException e) {
                throw new MirrorException("cannot read " + repomd + ": " + e.getMessage(),
                        "check that the repository is readable", e);
            }
        }
        return out;
    }

    /** Where the engine must look so that {@code saveDir/name} is {@code root} (see the class comment). */
    static Path saveDir(Path root, String name, Path stateDir) {
        Path real;
        try {
            real = root.toRealPath();
        } catch (IOException e) {
            throw new MirrorException("cannot resolve " + root + ": " + e.getMessage(), null, e);
        }
        if (real.getFileName() != null && real.getFileName().toString().equals(name)) {
            return real.getParent();
        }
        Path dir = stateDir.toAbsolutePath().resolve("seed").resolve(shortHash(real.toString()));
        Path link = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            if (Files.isSymbolicLink(link) && !Files.readSymbolicLink(link).equals(real)) {
                Files.delete(link);
            }
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, real);
            }
        } catch (IOException e) {
            throw new MirrorException("cannot link " + link + " to " + real + ": " + e.getMessage(),
                    "pass a writable --state-dir, or name the repository's directory '" + name + "'", e);
        }
        return dir;
    }

    private static void checkFiles(Path root, Published p, RepositoryTorrent torrent) {
        List<String> bad = new ArrayList<>();
        for (TorrentFile f : torrent.files()) {
            Path file = root.resolve(f.path());
            if (!Files.isRegularFile(file) || sizeOf(file) != f.size()) {
                bad.add(f.path());
            }
        }
        if (!bad.isEmpty()) {
            throw new MirrorException(p.file() + " is older than the repository: " + bad.size() + " of its files are "
                    + "missing or changed under " + root + ", e.g. " + String.join(", ", bad.subList(0,
                    Math.min(3, bad.size()))), "run 'peerget mirror torrent " + root + "' to publish a new torrent");
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }
}
