package dev.peerget.engine.update;

import dev.peerget.cache.HttpValidators;
import dev.peerget.cache.MetadataStore;
import dev.peerget.fetch.FetchException;
import dev.peerget.fetch.http.DownloadRequest;
import dev.peerget.fetch.http.DownloadResult;
import dev.peerget.fetch.http.HttpDownloader;
import dev.peerget.fetch.http.Validators;
import dev.peerget.model.Checksum;
import dev.peerget.repo.VerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Downloads repository index files for the updaters: signed entry points (InRelease, repomd.xml) with
 * conditional requests, and the files they list, checked against the size and digest the signed file states
 * before anything reads them. Counts the bytes it downloaded. Not thread-safe.
 */
final class IndexFetcher {
    private final HttpDownloader downloader;
    private final MetadataStore store;
    private final long maxIndexSize;
    private long bytes;

    IndexFetcher(HttpDownloader downloader, MetadataStore store, long maxIndexSize) {
        this.downloader = downloader;
        this.store = store;
        this.maxIndexSize = maxIndexSize;
    }

    long bytes() {
        return bytes;
    }

    /**
     * Fetches an entry-point file; with {@code conditional}, asks the server whether the copy it saw last
     * time (validators remembered in the store) is still current. Empty means "not modified".
     */
    Optional<DownloadResult.Fetched> fetchEntryPoint(URI uri, Path target, boolean conditional) {
        Validators v = Validators.NONE;
        if (conditional) {
            v = store.validators(uri.toString()).map(h -> new Validators(h.etag(), h.lastModified()))
                    .orElse(Validators.NONE);
        }
        DownloadResult r = downloader.fetch(new DownloadRequest(uri, target, maxIndexSize, v));
        if (r instanceof DownloadResult.Fetched f) {
            bytes += f.bytes();
            return Optional.of(f);
        }
        return Optional.empty();
    }

    /** Remembers the validators of an entry point once everything it lists was stored. */
    void remember(URI uri, Validators v) {
        store.putValidators(uri.toString(), v.isEmpty() ? null : new HttpValidators(v.etag(), v.lastModified()));
    }

    /**
     * Fetches a file whose size and digest a signed index states, and verifies both; {@code what} names the
     * file in messages (e.g. {@code main/binary-amd64/Packages.xz}).
     */
    long fetchVerified(String what, URI uri, Path target, long size, Checksum checksum) {
        DownloadResult r;
        MessageDigest digest = checksum == null ? null : IndexDigests.digest(checksum.algorithm());
        try {
            r = downloader.fetch(new DownloadRequest(uri, target, size >= 0 ? size : maxIndexSize, null), digest);
        } catch (FetchException e) {
            if (e.reason() == FetchException.Reason.TOO_LARGE && size >= 0) {
                // More bytes than the signed index states is a verification failure, not a network one.
                throw mismatch(what + " (" + uri + ")", "larger than the " + size + " bytes the signed index states");
            }
            throw e;
        }
        DownloadResult.Fetched f = (DownloadResult.Fetched) r;
        bytes += f.bytes();
        verify(target, what + " (" + uri + ")", size, checksum, digest);
        return f.bytes();
    }

    /** Like {@link #fetchVerified} but tries {@code byHash} first and falls back to {@code plain} when absent. */
    long fetchVerified(String what, URI byHash, URI plain, Path target, long size, Checksum checksum) {
        if (byHash != null) {
            try {
                return fetchVerified(what, byHash, target, size, checksum);
            } catch (FetchException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
        return fetchVerified(what, plain, target, size, checksum);
    }

    /**
     * Checks a file's size and digest; throws {@link VerificationException} naming the source on mismatch.
     * {@code fed}, when not null, is a digest of {@code expected}'s algorithm that was already fed the file's bytes
     * (as they were downloaded); otherwise the file is read.
     */
    static void verify(Path file, String source, long size, Checksum expected, MessageDigest fed) {
        try {
            long actual = Files.size(file);
            if (size >= 0 && actual != size) {
                throw mismatch(source, "size " + actual + " instead of " + size);
            }
            if (expected != null) {
                MessageDigest md = fed;
                if (md == null) {
                    md = IndexDigests.digest(expected.algorithm());
                    try (InputStream in = Files.newInputStream(file)) {
                        byte[] buf = new byte[1 << 16];
                        int n;
                        while ((n = in.read(buf)) > 0) {
                            md.update(buf, 0, n);
                        }
                    }
                }
                String hex = HexFormat.of().formatHex(md.digest());
                if (!hex.equals(expected.hex())) {
                    throw mismatch(source, expected.algorithm() + " " + hex + " instead of " + expected.hex());
                }
            }
        } catch (IOException e) {
            throw new VerificationException("cannot read " + file + " to verify it: " + e.getMessage());
        }
    }

    private static VerificationException mismatch(String source, String what) {
        return new VerificationException("Hash Sum mismatch for " + source + ": " + what,
                "the mirror may be in the middle of a sync or serve a damaged file; try 'peerget update' again later");
    }
}
