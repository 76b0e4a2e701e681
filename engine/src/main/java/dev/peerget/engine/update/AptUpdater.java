package dev.peerget.engine.update;

import dev.peerget.cache.MetadataStore;
import dev.peerget.cache.RepositoryInfo;
import dev.peerget.cache.StoredRepository;
import dev.peerget.cache.TorrentRef;
import dev.peerget.engine.EngineContext;
import dev.peerget.engine.config.ConfiguredRepositories;
import dev.peerget.engine.config.Setting;
import dev.peerget.fetch.FetchException;
import dev.peerget.fetch.http.DownloadResult;
import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PeergetException;
import dev.peerget.repo.MetadataException;
import dev.peerget.repo.TorrentIndex;
import dev.peerget.repo.VerificationException;
import dev.peerget.repo.compress.Compression;
import dev.peerget.repo.deb.AptSource;
import dev.peerget.repo.deb.IndexFile;
import dev.peerget.repo.deb.PackagesIndexParser;
import dev.peerget.repo.deb.ReleaseFile;
import dev.peerget.repo.deb.ReleaseFileParser;
import dev.peerget.repo.pgp.SignatureVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Updates one apt source target (a URI and suite), as apt's acquire does: {@code InRelease} (else
 * {@code Release} + {@code Release.gpg}) verified with the target's keys, its dates checked, then every
 * component's {@code Packages} index for each architecture fetched (by hash when the Release offers it),
 * checked against the Release's size and digest, parsed and stored in one transaction.
 */
final class AptUpdater {
    /** apt's Acquire::Max-FutureTime: how far a Release Date may lie in the future (clock skew). */
    private static final Duration MAX_FUTURE = Duration.ofSeconds(10);
    /**
     * At most this many bytes of index files are downloaded before the Release that lists them is verified (a
     * forged Release could state any size); a larger index waits for the signature check.
     */
    private static final long SPECULATIVE_BYTES = 256L << 20;

    private final EngineContext context;
    private final MetadataStore store;
    private final IndexFetcher fetcher;
    private final KeyringResolver keys;
    private final KeyringPrefetch keyrings;
    private final TorrentKeeper torrents;
    private final SignatureVerifier verifier = new SignatureVerifier();
    private final List<Compression> preference;

    AptUpdater(EngineContext context, MetadataStore store, IndexFetcher fetcher, KeyringResolver keys,
               KeyringPrefetch keyrings, TorrentKeeper torrents) {
        this.context = context;
        this.store = store;
        this.fetcher = fetcher;
        this.keys = keys;
        this.keyrings = keyrings;
        this.torrents = torrents;
        this.preference = IndexCompressions.parse(context.settings().get(Setting.INDEX_COMPRESSION));
    }

    RepositoryOutcome update(AptSource.Target target, Sequence seq, UpdateListener listener, Path workDir) {
        String key = ConfiguredRepositories.key(target);
        String baseLabel = target.uri().toString().replaceAll("/$", "");
        URI uri = withSlash(target.uri());
        URI base = target.isFlat() ? uri.resolve(target.suite()) : uri.resolve("dists/" + target.suite() + "/");
        String suiteLabel = target.isFlat() ? target.suite() : target.suite();
        Optional<StoredRepository> stored = store.repository(key);
        int entrySeq = seq.next();
        try {
            Instant now = context.clock().instant();
            Release release = fetchRelease(target, base, stored.isPresent(), workDir, entrySeq, baseLabel,
                    suiteLabel, listener, now);
            if (release == null) {
                checkStillValid(stored.get(), suiteLabel, now);
                store.markUpdated(key, now);
                return new RepositoryOutcome(key, suiteLabel, RepositoryOutcome.Status.UNCHANGED,
                        stored.get().packageCount(), null);
            }
            // The files the Release lists are downloaded (and checked against its sizes and digests) while its
            // signature is still being checked; nothing of them is reported or read before the check passed.
            DeferredEvents events = new DeferredEvents(listener, seq);
            List<Fetched> indexes;
            Optional<TorrentKeeper.Staged> torrent;
            try {
                checkDates(release.file(), base + "InRelease", now);
                indexes = fetchIndexes(target, base, release, workDir, events, baseLabel);
                torrent = fetchTorrent(base, release, workDir, events, baseLabel, suiteLabel);
            } catch (RuntimeException e) {
                RuntimeException reported = release.signature().precedence(e);
                if (reported == e) {
                    events.flush();
                }
                throw reported;
            }
            String signer = release.signature().await();
            events.flush();
            Optional<TorrentRef> previous = stored.flatMap(s -> s.info().torrent());
            TorrentRef ref = torrent.map(t -> torrents.keep(key, t)).orElse(null);
            RepositoryInfo info = new RepositoryInfo(key, PackageFormat.DEB, baseLabel + " " + target.suite(),
                    uri.toString(), target.suite(), priority(release.file()), 0, now,
                    release.file().date(), release.file().validUntil(), signer,
                    release.file().origin(), release.file().label(), release.file().codename(), "")
                    .withTorrent(ref).withArchive(release.file().suite())
                    .withReleaseVersion(release.file().version());
            StoredRepository result;
            try {
                result = store.replaceRepository(info, sink -> {
                    for (Fetched f : indexes) {
                        // Decompressed and cut into stanzas on a thread of its own, while this one builds the
                        // packages and the calling thread writes them (PipelinedLoad).
                        try (InputStream file = Files.newInputStream(f.file())) {
                            PackagesIndexParser.parseAhead(f.compression().decompress(file), f.source(),
                                    "peerget-index-scan", r -> sink.add(f.component(), r));
                        } catch (IOException e) {
                            throw new MetadataException("cannot read " + f.source() + ": " + e.getMessage(),
                                    "the file may be truncated; run 'peerget update' again", e);
                        }
                    }
                });
            } catch (RuntimeException e) {
                torrents.discard(ref, previous);
                throw e;
            }
            torrents.retire(previous, ref);
            release.entryValidators().ifPresent(v -> fetcher.remember(release.entryUri(), v));
            return new RepositoryOutcome(key, suiteLabel, RepositoryOutcome.Status.UPDATED, result.packageCount(), null);
        } catch (PeergetException e) {
            listener.failed(entrySeq, baseLabel, suiteLabel, e);
            return new RepositoryOutcome(key, suiteLabel, RepositoryOutcome.Status.FAILED,
                    stored.map(StoredRepository::packageCount).orElse(0L), e);
        } finally {
            deleteQuietly(workDir);
        }
    }

    /**
     * A Release and how it was obtained; null from fetchRelease means "not modified". Its content may not be
     * verified yet: {@code signature} tells whether it is, and nothing may be used before it did.
     */
    private record Release(ReleaseFile file, PendingSignature signature, URI entryUri,
                           Optional<dev.peerget.fetch.http.Validators> entryValidators) { }

    private Release fetchRelease(AptSource.Target target, URI base, boolean haveStored, Path workDir, int seq,
                                 String baseLabel, String suiteLabel, UpdateListener listener, Instant now) {
        URI inRelease = base.resolve("InRelease");
        if (!target.trusted()) {
            try {
                Optional<DownloadResult.Fetched> got = fetcher.fetchEntryPoint(inRelease, workDir.resolve("InRelease"),
                        haveStored);
                if (got.isEmpty()) {
                    listener.unchanged(seq, baseLabel, suiteLabel + " InRelease");
                    return null;
                }
                listener.fetched(seq, baseLabel, suiteLabel + " InRelease", got.get().bytes());
                byte[] signed = Files.readAllBytes(got.get().file());
                String source = inRelease.toString();
                String text = SignatureVerifier.unverifiedText(signed).orElse(null);
                if (text == null) {
                    verifier.verifyClearsigned(signed, keyrings.forApt(target), source, now); // throws: malformed
                    throw new IllegalStateException("not clearsigned, yet verified: " + source);
                }
                PendingSignature signature = PendingSignature.start(() -> {
                    var verified = verifier.verifyClearsigned(signed, keyrings.forApt(target), source, now);
                    if (!verified.text().equals(text)) {
                        throw new VerificationException("the signed text of " + source + " is not the text that was read");
                    }
                    return keys.checkAptSigner(target, verified.signerFingerprint(), source);
                });
                ReleaseFile file;
                try {
                    file = ReleaseFileParser.parse(text, source);
                } catch (RuntimeException e) {
                    throw signature.precedence(e);
                }
                return new Release(file, signature, inRelease, Optional.of(got.get().validators()));
            } catch (FetchException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
                listener.ignored(seq, baseLabel, suiteLabel + " InRelease", "404 Not Found");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        URI releaseUri = base.resolve("Release");
        Optional<DownloadResult.Fetched> got = fetcher.fetchEntryPoint(releaseUri, workDir.resolve("Release"),
                haveStored);
        if (got.isEmpty()) {
            listener.unchanged(seq, baseLabel, suiteLabel + " Release");
            return null;
        }
        listener.fetched(seq, baseLabel, suiteLabel + " Release", got.get().bytes());
        try {
            byte[] data = Files.readAllBytes(got.get().file());
            String signer = "";
            if (!target.trusted()) {
                URI sigUri = base.resolve("Release.gpg");
                Optional<DownloadResult.Fetched> sig = fetcher.fetchEntryPoint(sigUri, workDir.resolve("Release.gpg"),
                        false);
                listener.fetched(seq, baseLabel, suiteLabel + " Release.gpg", sig.orElseThrow().bytes());
                String fpr = verifier.verifyDetached(data, Files.readAllBytes(sig.get().file()), keyrings.forApt(target),
                        releaseUri.toString(), now);
                signer = keys.checkAptSigner(target, fpr, releaseUri.toString());
            }
            return new Release(ReleaseFileParser.parse(new String(data, StandardCharsets.UTF_8), releaseUri.toString()),
                    PendingSignature.done(signer), releaseUri, Optional.of(got.get().validators()));
        } catch (FetchException e) {
            if (e.isNotFound()) {
                throw new VerificationException("The repository '" + baseLabel + " " + suiteLabel
                        + "' is not signed (no InRelease, no Release.gpg)",
                        "use a signed mirror; only for a repository you trust completely add [trusted=yes]", e);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkDates(ReleaseFile release, String source, Instant now) {
        if (release.date() != null && release.date().isAfter(now.plus(MAX_FUTURE))) {
            throw new VerificationException("Release file for " + source + " is not valid yet (invalid for another "
                    + Duration.between(now, release.date()).toMinutes() + " min)",
                    "check the system clock");
        }
        if (release.isExpiredAt(now) && context.settings().flag(Setting.CHECK_VALID_UNTIL)) {
            throw new VerificationException("Release file for " + source + " is expired (invalid since "
                    + release.validUntil() + ")",
                    "the mirror is stale or a replay is under way; use an up-to-date mirror");
        }
    }

    private void checkStillValid(StoredRepository stored, String label, Instant now) {
        Instant until = stored.info().validUntil();
        if (until != null && now.isAfter(until) && context.settings().flag(Setting.CHECK_VALID_UNTIL)) {
            throw new VerificationException("Release file for " + stored.info().name() + " " + label
                    + " is expired (invalid since " + until + ")",
                    "the mirror is stale; use an up-to-date mirror");
        }
    }

    /**
     * The pin priority of the repository's packages: apt's default for the suite (500; 1 for NotAutomatic
     * suites such as experimental, 100 for backports' NotAutomatic + ButAutomaticUpgrades). apt's
     * preference files may override it when versions are chosen ({@code AptPins}).
     */
    private static int priority(ReleaseFile release) {
        return release.defaultPriority();
    }

    private record Fetched(Path file, String component, Compression compression, String source) { }

    private List<Fetched> fetchIndexes(AptSource.Target target, URI base, Release signed, Path workDir,
                                       DeferredEvents listener, String baseLabel) {
        ReleaseFile release = signed.file();
        long unverifiedBytes = 0;
        List<String> archs = new ArrayList<>(target.architectures().isEmpty()
                ? context.architectures().debIndexArchitectures() : target.architectures());
        if (release.architectures().contains("all") && !release.noSupportForArchitectureAll() && !archs.contains("all")) {
            archs.add("all");
        }
        List<String> components = target.isFlat() ? List.of("") : target.components();
        if (target.isFlat()) {
            archs = List.of(""); // one Packages file for every architecture, fetched once (as apt does)
        }
        List<Fetched> out = new ArrayList<>();
        for (String component : components) {
            for (String arch : archs) {
                String dir = target.isFlat() ? "" : component + "/binary-" + arch + "/";
                List<IndexFile> variants = variants(release, dir + "Packages");
                if (variants.isEmpty()) {
                    if (!arch.equals("all")) {
                        listener.warning("Skipping acquire of configured file '" + dir + "Packages' as repository '"
                                + baseLabel + " " + target.suite() + "' doesn't list it in its Release file");
                    }
                    continue;
                }
                int n = listener.next();
                // As apt: a variant the Release lists but the mirror does not have gives way to the next one.
                for (int v = 0; v < variants.size(); v++) {
                    IndexFile index = variants.get(v);
                    Checksum sum = index.strongest().orElseThrow(() -> new VerificationException(
                            "no usable checksum for " + index.path() + " in the Release of " + baseLabel,
                            "the repository's Release lists only weak hashes"));
                    if (!sum.algorithm().isSecure()) {
                        throw new VerificationException("only a weak " + sum.algorithm() + " checksum for "
                                + index.path() + " in the Release of " + baseLabel,
                                "the repository must list SHA256 hashes");
                    }
                    URI plain = base.resolve(index.path());
                    URI byHash = release.acquireByHash() ? base.resolve(dir + "by-hash/" + byHashDir(sum.algorithm())
                            + "/" + sum.hex()) : null;
                    Path file = workDir.resolve(index.path().replace('/', '_'));
                    unverifiedBytes += index.size() < 0 ? SPECULATIVE_BYTES + 1 : index.size(); // unknown: wait
                    if (unverifiedBytes > SPECULATIVE_BYTES) {
                        signed.signature().await();
                    }
                    long got;
                    try {
                        got = fetcher.fetchVerified(index.path(), byHash, plain, file, index.size(), sum);
                    } catch (FetchException e) {
                        if (e.isNotFound() && v + 1 < variants.size()) {
                            continue;
                        }
                        throw e;
                    }
                    String what = target.isFlat() ? target.suite() + " Packages"
                            : target.suite() + "/" + component + " " + arch + " Packages";
                    listener.fetched(n, baseLabel, what, got);
                    out.add(new Fetched(file, component, Compression.fromFileName(index.path()), plain.toString()));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The suite's torrent when the verified Release lists {@link TorrentIndex#APT_PATH}, fetched and checked like
     * a Packages index; empty when the repository publishes none.
     */
    private Optional<TorrentKeeper.Staged> fetchTorrent(URI base, Release signed, Path workDir,
                                                        DeferredEvents listener, String baseLabel, String suiteLabel) {
        Optional<IndexFile> listed = signed.file().file(TorrentIndex.APT_PATH);
        if (listed.isEmpty()) {
            return Optional.empty();
        }
        // Rare and small: fetched only on a verified Release's word (its size is not counted against
        // SPECULATIVE_BYTES).
        signed.signature().await();
        IndexFile index = listed.get();
        Checksum sum = index.checksum(HashAlgorithm.SHA512).or(() -> index.checksum(HashAlgorithm.SHA256))
                .orElse(null);
        int n = listener.next();
        String what = suiteLabel + " " + TorrentIndex.APT_PATH;
        TorrentKeeper.Staged staged = torrents.fetch(what, base.resolve(index.path()),
                workDir.resolve(TorrentIndex.APT_PATH), index.size(), sum);
        listener.fetched(n, baseLabel, what, index.size());
        return Optional.of(staged);
    }

    private static String byHashDir(HashAlgorithm algorithm) {
        return switch (algorithm) {
            case MD5 -> "MD5Sum";
            case SHA1 -> "SHA1";
            case SHA256 -> "SHA256";
            case SHA512 -> "SHA512";
        };
    }

    /** The variants of {@code stem} the Release lists, in the order of {@code index_compression}. */
    private List<IndexFile> variants(ReleaseFile release, String stem) {
        List<IndexFile> out = new ArrayList<>();
        for (Compression c : preference) {
            release.file(stem + c.suffix()).ifPresent(out::add);
        }
        return out;
    }

    static URI withSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? uri : URI.create(s + "/");
    }

    static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover partial directory is harmless; the next update starts it afresh.
        }
    }
}
