package dev.peerget.cache;

import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The content-addressed package cache: verified package files named by their digest ({@code packages/<sha256>}).
 *
 * <p>A file enters only through {@link #admit}, which checks its size and digest against what the signed index
 * says; so whatever the source (mirror, peer, a local file), a name in the cache is a promise about the content.
 * {@link #find} re-checks the size (cheap) and callers that hand files to dpkg/rpm re-check the digest with
 * {@link #verify}. Thread-safe: admissions are atomic renames.
 */
public final class PackageCache {
    private static final int BUFFER = 1 << 16;

    private final Path root;

    /** A cache under {@code dir} (normally {@code Layout.cacheDir()}); nothing is created until first use. */
    public PackageCache(Path dir) {
        this.root = dir.resolve("packages");
    }

    /** Where partial downloads go: on the same file system as the cache, so admission is a rename. */
    public Path partialDir() throws IOException {
        return Files.createDirectories(root.resolveSibling("partial"));
    }

    /** The cached file with this digest and size, if there is one. */
    public Optional<Path> find(Checksum checksum, long size) {
        Path file = pathOf(checksum);
        try {
            return Files.isRegularFile(file) && Files.size(file) == size ? Optional.of(file) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Checks {@code candidate} against the expected digest and size and moves it into the cache (or hard-links
     * it, when {@code keepSource}: a torrent's download directory keeps its copy to seed from). On a mismatch the
     * candidate is deleted (unless kept) and {@link Mismatch} says what was wrong.
     */
    public Path admit(Path candidate, Checksum checksum, long size, boolean keepSource) throws IOException {
        requireSecure(checksum);
        Path target = pathOf(checksum);
        try {
            verify(candidate, checksum, size);
        } catch (Mismatch e) {
            if (!keepSource) {
                Files.deleteIfExists(candidate);
            }
            throw e;
        }
        Files.createDirectories(root);
        if (keepSource) {
            Path tmp = Files.createTempFile(root, ".admit-", ".tmp");
            Files.delete(tmp);
            // A link shares the inode: only when the candidate's owner is the cache's, else another user (the
            // torrent engine) could change a cached file after it was verified.
            boolean linked = false;
            if (Files.getOwner(candidate).equals(Files.getOwner(root))) {
                try {
                    Files.createLink(tmp, candidate);
                    linked = true;
                } catch (IOException | UnsupportedOperationException e) {
                    // Another file system: copy below.
                }
            }
            if (!linked) {
                Files.copy(candidate, tmp);
                verify(tmp, checksum, size);
            }
            move(tmp, target);
        } else {
            move(candidate, target);
        }
        return target;
    }

    /** Throws {@link Mismatch} unless {@code file} has exactly this size and digest. */
    public static void verify(Path file, Checksum checksum, long size) throws IOException {
        long actual = Files.size(file);
        if (size >= 0 && actual != size) {
            throw new Mismatch(file + ": size is " + actual + " bytes, the signed index says " + size);
        }
        String digest = digest(file, checksum.algorithm());
        if (!digest.equals(checksum.hex())) {
            throw new Mismatch(file + ": " + checksum.algorithm().name() + " is " + digest + ", the signed index says "
                    + checksum.hex());
        }
    }

    /** Deletes every cached package file and partial download (like {@code apt-get clean}); returns bytes freed. */
    public long clean() throws IOException {
        long freed = 0;
        for (Path dir : new Path[] {root, root.resolveSibling("partial")}) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(f)) {
                        freed += Files.size(f);
                        Files.delete(f);
                    }
                }
            }
        }
        return freed;
    }

    /** Where a file with this digest is (or would be) kept: {@code <sha256>} or {@code sha512-<sha512>}. */
    public Path pathOf(Checksum checksum) {
        requireSecure(checksum);
        return root.resolve(checksum.algorithm() == HashAlgorithm.SHA256 ? checksum.hex()
                : checksum.algorithm().name().toLowerCase(java.util.Locale.ROOT) + "-" + checksum.hex());
    }

    private static void requireSecure(Checksum checksum) {
        if (!checksum.algorithm().isSecure()) {
            throw new IllegalArgumentException("package files are verified with SHA-256 or SHA-512, not "
                    + checksum.algorithm());
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Lower-case hex digest of a file. */
    public static String digest(Path file, HashAlgorithm algorithm) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm.javaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JRE", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** A file did not match the signed index: it is not the package the index describes. */
    public static final class Mismatch extends IOException {
        private static final long serialVersionUID = 1L;

        public Mismatch(String message) {
            super(message);
        }
    }

    @Override
    public String toString() {
        return "PackageCache[" + root + "]";
    }
}
