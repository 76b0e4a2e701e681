package dev.peerget.engine.update;

import dev.peerget.cache.MetadataStore;
import dev.peerget.cache.RepositoryInfo;
import dev.peerget.cache.StoredRepository;
import dev.peerget.cache.TorrentRef;
import dev.peerget.engine.EngineContext;
import dev.peerget.engine.config.ConfiguredRepositories;
import dev.peerget.fetch.FetchException;
import dev.peerget.fetch.http.DownloadResult;
import dev.peerget.model.Checksum;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.PeergetException;
import dev.peerget.repo.MetadataException;
import dev.peerget.repo.TorrentIndex;
import dev.peerget.repo.VerificationException;
import dev.peerget.repo.compress.Compression;
import dev.peerget.repo.pgp.SignatureVerifier;
import dev.peerget.repo.rpm.FilelistsParser;
import dev.peerget.repo.rpm.PrimaryParser;
import dev.peerget.repo.rpm.Repomd;
import dev.peerget.repo.rpm.RepomdData;
import dev.peerget.repo.rpm.RepomdParser;
import dev.peerget.repo.rpm.YumRepoConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.HexFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Updates one yum repository, as dnf's librepo does: {@code repodata/repomd.xml} (with its detached
 * signature when {@code repo_gpgcheck=1}), then {@code primary} and {@code filelists} checked against the
 * repomd checksums, merged by package id and stored in one transaction. Mirrors are tried in order.
 */
final class YumUpdater {
    private final EngineContext context;
    private final MetadataStore store;
    private final IndexFetcher fetcher;
    private final KeyringResolver keys;
    private final MirrorListReader mirrors;
    private final TorrentKeeper torrents;
    private final SignatureVerifier verifier = new SignatureVerifier();

    YumUpdater(EngineContext context, MetadataStore store, IndexFetcher fetcher, KeyringResolver keys,
               MirrorListReader mirrors, TorrentKeeper torrents) {
        this.context = context;
        this.store = store;
        this.fetcher = fetcher;
        this.keys = keys;
        this.mirrors = mirrors;
        this.torrents = torrents;
    }

    RepositoryOutcome update(YumRepoConfig repo, Sequence seq, UpdateListener listener, Path workDir) {
        String key = ConfiguredRepositories.key(repo);
        Optional<StoredRepository> stored = store.repository(key);
        int entrySeq = seq.next();
        String label = repo.id();
        PeergetException last = null;
        try {
            MirrorListReader.Mirrors found = mirrors.mirrors(repo, workDir);
            for (URI base : found.bases()) {
                try {
                    return updateFrom(repo, AptUpdater.withSlash(base), found, stored, entrySeq, seq, listener,
                            workDir);
                } catch (FetchException e) {
                    // librepo moves on to the next mirror when one fails to deliver.
                    last = e;
                }
            }
            if (last == null) {
                String list = repo.mirrorlist() != null ? repo.mirrorlist() : repo.metalink();
                last = list == null ? new MetadataException("repository '" + repo.id() + "' in " + repo.sourceName()
                        + " has no baseurl, mirrorlist or metalink", "add a baseurl= line")
                        : new MetadataException("the mirror list " + list + " of repository '" + repo.id()
                                + "' names no usable mirror", "check mirrorlist/metalink in " + repo.sourceName()
                                + ", or add a baseurl= line");
            }
            throw last;
        } catch (PeergetException e) {
            listener.failed(entrySeq, label, "repomd.xml", e);
            RepositoryOutcome.Status status = repo.skipIfUnavailable() && e instanceof FetchException
                    ? RepositoryOutcome.Status.SKIPPED : RepositoryOutcome.Status.FAILED;
            return new RepositoryOutcome(key, repo.name(), status,
                    stored.map(StoredRepository::packageCount).orElse(0L), e);
        } finally {
            AptUpdater.deleteQuietly(workDir);
        }
    }

    private RepositoryOutcome updateFrom(YumRepoConfig repo, URI base, MirrorListReader.Mirrors found,
                                         Optional<StoredRepository> stored, int entrySeq, Sequence seq,
                                         UpdateListener listener, Path workDir) {
        String key = ConfiguredRepositories.key(repo);
        String label = base.toString();
        URI repomdUri = base.resolve("repodata/repomd.xml");
        Instant now = context.clock().instant();
        boolean sameBase = stored.isPresent() && stored.get().info().baseUri().equals(base.toString());
        Optional<DownloadResult.Fetched> got = fetcher.fetchEntryPoint(repomdUri, workDir.resolve("repomd.xml"), sameBase);
        if (got.isEmpty()) {
            listener.unchanged(entrySeq, label, repo.id() + " repomd.xml");
            store.markUpdated(key, now);
            return new RepositoryOutcome(key, repo.name(), RepositoryOutcome.Status.UNCHANGED,
                    stored.get().packageCount(), null);
        }
        listener.fetched(entrySeq, label, repo.id() + " repomd.xml", got.get().bytes());
        checkAgainstMetalink(repo, repomdUri, workDir.resolve("repomd.xml"), found);
        String signer = "";
        try {
            if (repo.repoGpgcheck()) {
                URI ascUri = base.resolve("repodata/repomd.xml.asc");
                Path asc = workDir.resolve("repomd.xml.asc");
                int n = seq.next();
                try {
                    long bytes = fetcher.fetchVerified("repodata/repomd.xml.asc", ascUri, asc, -1, null);
                    listener.fetched(n, label, repo.id() + " repomd.xml.asc", bytes);
                } catch (FetchException e) {
                    if (e.isNotFound()) {
                        throw new VerificationException("repository '" + repo.id() + "' has repo_gpgcheck=1 but "
                                + ascUri + " does not exist", "sign the repomd.xml, or set repo_gpgcheck=0 in "
                                + repo.sourceName() + " if you trust the transport", e);
                    }
                    throw e;
                }
                signer = verifier.verifyDetached(Files.readAllBytes(got.get().file()), Files.readAllBytes(asc),
                        keys.forYum(repo, workDir), repomdUri.toString(), now);
            }
            Repomd repomd;
            try (InputStream in = Files.newInputStream(got.get().file())) {
                repomd = RepomdParser.parse(in, repomdUri.toString());
            }
            RepomdData primary = repomd.data("primary").orElseThrow(() -> new MetadataException(
                    repomdUri + " lists no primary metadata", "the repository is broken; tell its maintainer"));
            Path primaryFile = fetchData(base, primary, workDir, seq, label, repo, listener);
            Optional<RepomdData> filelists = repomd.data("filelists");
            Path filelistsFile = filelists.isPresent()
                    ? fetchData(base, filelists.get(), workDir, seq, label, repo, listener) : null;
            Optional<TorrentKeeper.Staged> torrent = fetchTorrent(base, repomd, workDir, seq, label, repo, listener);
            Optional<TorrentRef> previous = stored.flatMap(s -> s.info().torrent());
            TorrentRef ref = torrent.map(t -> torrents.keep(key, t)).orElse(null);
            RepositoryInfo info = new RepositoryInfo(key, PackageFormat.RPM, repo.name(), base.toString(), "",
                    repo.priority(), repo.cost(), now, null, null, signer, "", repo.id(), "", repomd.revision())
                    .withTorrent(ref);
            StoredRepository result;
            try {
                result = store.replaceRepository(info, sink -> {
                    Map<String, List<String>> files = filelistsFile == null ? Map.of()
                            : readFilelists(filelistsFile, filelists.get());
                    try (InputStream in = open(primaryFile, primary)) {
                        PrimaryParser.parse(in, base.resolve(primary.location()).toString(),
                                r -> sink.add("", withFiles(r, files)));
                    } catch (IOException e) {
                        throw new MetadataException("cannot read " + primary.location() + ": " + e.getMessage(),
                                null, e);
                    }
                });
            } catch (RuntimeException e) {
                torrents.discard(ref, previous);
                throw e;
            }
            torrents.retire(previous, ref);
            fetcher.remember(repomdUri, got.get().validators());
            return new RepositoryOutcome(key, repo.name(), RepositoryOutcome.Status.UPDATED, result.packageCount(), null);
        } catch (IOException e) {
            throw new MetadataException("cannot read " + repomdUri + ": " + e.getMessage(), null, e);
        }
    }

    private Path fetchData(URI base, RepomdData data, Path workDir, Sequence seq, String label, YumRepoConfig repo,
                           UpdateListener listener) {
        Checksum sum = data.checksum();
        if (!sum.algorithm().isSecure()) {
            throw new VerificationException("only a weak " + sum.algorithm() + " checksum for " + data.location()
                    + " in " + repo.id() + "'s repomd.xml", "regenerate the repository with createrepo_c");
        }
        Path file = workDir.resolve(data.type() + "-" + Path.of(data.location()).getFileName());
        int n = seq.next();
        long bytes = fetcher.fetchVerified(data.location(), base.resolve(data.location()), file, data.size(), sum);
        listener.fetched(n, label, repo.id() + " " + data.type(), bytes);
        return file;
    }

    /** repomd.xml must have the size and digest its metalink names (librepo and dnf refuse it otherwise). */
    private static void checkAgainstMetalink(YumRepoConfig repo, URI uri, Path repomd,
                                             MirrorListReader.Mirrors found) {
        try {
            if (found.repomdSize() >= 0 && Files.size(repomd) != found.repomdSize()) {
                throw new VerificationException(uri + " is " + Files.size(repomd) + " bytes, but the metalink of "
                        + "repository '" + repo.id() + "' says " + found.repomdSize(),
                        "the mirror is out of date or the metalink is; try again later");
            }
            for (String algorithm : List.of("sha512", "sha256")) {
                String want = found.repomdHashes().get(algorithm);
                if (want != null) {
                    String got = HexFormat.of().formatHex(java.security.MessageDigest.getInstance(
                            algorithm.equals("sha512") ? "SHA-512" : "SHA-256").digest(Files.readAllBytes(repomd)));
                    if (!got.equals(want)) {
                        throw new VerificationException(uri + " does not match the " + algorithm + " the metalink of "
                                + "repository '" + repo.id() + "' gives for repomd.xml",
                                "the mirror is out of date or the metalink is; try again later");
                    }
                    return;
                }
            }
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new VerificationException("cannot check " + repomd + " against the metalink: " + e.getMessage(),
                    "check the disk", e);
        }
    }

    /**
     * The repository's torrent when repomd lists a {@link TorrentIndex#REPOMD_TYPE} entry, fetched and checked
     * like primary; empty when the repository publishes none.
     */
    private Optional<TorrentKeeper.Staged> fetchTorrent(URI base, Repomd repomd, Path workDir, Sequence seq,
                                                        String label, YumRepoConfig repo, UpdateListener listener) {
        Optional<RepomdData> entry = repomd.data(TorrentIndex.REPOMD_TYPE);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        RepomdData data = entry.get();
        int n = seq.next();
        String what = repo.id() + " " + TorrentIndex.REPOMD_TYPE;
        TorrentKeeper.Staged staged = torrents.fetch(what, base.resolve(data.location()),
                workDir.resolve(TorrentIndex.REPOMD_FILE_NAME), data.size(), data.checksum());
        listener.fetched(n, label, what, Math.max(0, data.size()));
        return Optional.of(staged);
    }

    private static InputStream open(Path file, RepomdData data) throws IOException {
        return Compression.fromFileName(data.location()).decompress(Files.newInputStream(file));
    }

    private static Map<String, List<String>> readFilelists(Path file, RepomdData data) {
        Map<String, List<String>> byPkgid = new HashMap<>();
        try (InputStream in = open(file, data)) {
            FilelistsParser.parse(in, data.location(), pf -> byPkgid.put(pf.pkgid(), pf.files()));
        } catch (IOException e) {
            throw new MetadataException("cannot read " + data.location() + ": " + e.getMessage(), null, e);
        }
        return byPkgid;
    }

    /** The package with its full file list from filelists (primary carries only a subset). */
    private static PackageRecord withFiles(PackageRecord r, Map<String, List<String>> files) {
        for (Checksum c : r.checksums()) {
            List<String> list = files.get(c.hex());
            if (list != null) {
                return r.withFiles(list);
            }
        }
        return r;
    }
}
