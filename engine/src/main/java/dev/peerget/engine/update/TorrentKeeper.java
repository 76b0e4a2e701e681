package dev.peerget.engine.update;

import dev.peerget.cache.TorrentRef;
import dev.peerget.engine.EngineException;
import dev.peerget.fetch.torrent.RepositoryTorrent;
import dev.peerget.fetch.torrent.TorrentFile;
import dev.peerget.model.Checksum;
import dev.peerget.repo.MetadataException;
import dev.peerget.repo.VerificationException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The client side of a repository's torrent ({@link dev.peerget.repo.TorrentIndex}): fetched like every index,
 * checked against the size and digest of the signed index, parsed, and kept under {@code lists/torrents/}.
 *
 * <p>Kept files are named after the repository and their content, so a new torrent never overwrites the file
 * the stored metadata still points at: the new file is put in place before the metadata transaction, and the
 * old one deleted only after it committed (or the new one deleted when it failed). Not thread-safe.
 */
final class TorrentKeeper {
    private final IndexFetcher fetcher;
    private final Path dir;

    TorrentKeeper(IndexFetcher fetcher, Path dir) {
        this.fetcher = fetcher;
        this.dir = dir;
    }

    /** A verified torrent in the update's work directory. */
    record Staged(Path file, RepositoryTorrent torrent) { }

    /**
     * Downloads the torrent at {@code uri} into {@code target}, verifies it against the signed index's
     * {@code size} and {@code checksum} and parses it; {@code what} names it in messages. Returns the bytes
     * downloaded with the staged file.
     */
    Staged fetch(String what, URI uri, Path target, long size, Checksum checksum) {
        if (checksum == null || !checksum.algorithm().isSecure()) {
            throw new VerificationException("no SHA256 or SHA512 checksum for " + what + " (" + uri
                    + ") in the signed index", "the mirror must list the torrent with a SHA256 digest; tell its "
                    + "operator ('peerget mirror torrent' does)");
        }
        fetcher.fetchVerified(what, uri, target, size, checksum);
        RepositoryTorrent torrent;
        try {
            torrent = RepositoryTorrent.parse(Files.readAllBytes(target));
        } catch (IOException e) {
            throw new MetadataException("cannot read " + target + ": " + e.getMessage(), null, e);
        } catch (IllegalArgumentException | ClassCastException | NullPointerException | ArithmeticException e) {
            // What RepositoryTorrent.parse throws for bencoding that is not a multi-file v1 torrent.
            throw unusable(what, uri, e.getMessage());
        }
        checkPaths(torrent, what, uri);
        return new Staged(target, torrent);
    }

    /** Moves {@code staged} into the torrents directory for repository {@code key} and describes it. */
    TorrentRef keep(String key, Staged staged) {
        // Named by content, not info hash: a new tracker or web seed changes the file but not the info hash.
        Path file = dir.resolve(safeName(key) + "_" + sha256(staged.torrent().bytes()).substring(0, 24) + ".torrent");
        try {
            Files.createDirectories(dir);
            Files.move(staged.file(), file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EngineException("cannot store the torrent of " + key + " as " + file + ": " + e.getMessage(),
                    "check that the state directory is writable (are you root?)", e);
        }
        return new TorrentRef(file.toAbsolutePath(), staged.torrent().infoHash(), staged.torrent().name());
    }

    /** The metadata transaction failed: deletes {@code fresh} unless the stored metadata uses that same file. */
    void discard(TorrentRef fresh, Optional<TorrentRef> previous) {
        if (fresh != null && previous.map(p -> !p.file().equals(fresh.file())).orElse(true)) {
            deleteQuietly(fresh.file());
        }
    }

    /** The metadata now points at {@code current} (null: no torrent): deletes the previous file if different. */
    void retire(Optional<TorrentRef> previous, TorrentRef current) {
        previous.filter(p -> current == null || !p.file().equals(current.file()))
                .ifPresent(p -> deleteQuietly(p.file()));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover torrent file is harmless: nothing refers to it any more.
        }
    }

    /** Torrent files must stay below the save directory: no absolute paths, no {@code ..}. */
    private static void checkPaths(RepositoryTorrent torrent, String what, URI uri) {
        if (torrent.files().isEmpty()) {
            throw unusable(what, uri, "it lists no files");
        }
        if (!isSafeComponent(torrent.name())) {
            throw unusable(what, uri, "its name '" + torrent.name() + "' is not a plain directory name");
        }
        for (TorrentFile f : torrent.files()) {
            for (String part : f.path().split("/", -1)) {
                if (!isSafeComponent(part)) {
                    throw unusable(what, uri, "file path '" + f.path() + "' leaves the repository");
                }
            }
        }
    }

    private static boolean isSafeComponent(String part) {
        return !part.isEmpty() && !part.equals(".") && !part.equals("..") && !part.contains("/")
                && !part.contains("\\") && part.indexOf('\0') < 0;
    }

    private static MetadataException unusable(String what, URI uri, String why) {
        return new MetadataException(what + " (" + uri + ") is not a torrent peerget can use: " + why,
                "the mirror published a damaged torrent; tell its operator ('peerget mirror torrent' regenerates it)");
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }

    /**
     * The repository key as a file name: letters, digits and {@code .-} kept, anything else {@code _}, at most 60
     * characters of it, then 8 hex digits of the key's SHA-256 so that two keys never share a name.
     */
    static String safeName(String key) {
        String name = key.replaceAll("[^A-Za-z0-9.-]+", "_");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return (name.length() > 60 ? name.substring(0, 60) : name) + "-"
                    + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }
}
