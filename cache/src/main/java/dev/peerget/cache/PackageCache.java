package dev.peerget.cache;

import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
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
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == size
                    ? Optional.of(file) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Takes {@code candidate} into the cache when it has the expected digest and size: moved (or, with
     * {@code keepSource}, hard-linked so that a torrent's download directory keeps its copy to seed from). On a
     * mismatch {@link Mismatch} says what was wrong and the candidate is deleted unless kept.
     *
     * <p>The candidate may sit in a directory another user controls (the unprivileged torrent engine): so the file
     * is first brought into the cache's own directory (a link or a rename does not follow a symbolic link, and the
     * result is examined without following one), must be a regular file there, is copied into a file of the
     * cache's owner unless it already belongs to that owner, and only that final file is verified and renamed
     * into place. Nobody but the cache's owner can change a cached file afterwards.
     */
    public Path admit(Path candidate, Checksum checksum, long size, boolean keepSource) throws IOException {
        return admit(candidate, checksum, size, keepSource, null);
    }

    /**
     * Like {@link #admit} of a candidate that is moved, for a file whose digest the caller computed from exactly
     * the bytes it wrote into it ({@code digestHex}, lower-case hex of the checksum's algorithm; an HTTP body is
     * hashed as it arrives): when the file belongs to the cache's owner and nobody else may write it, that digest
     * is compared with the signed one instead of reading the file again (measured: docs/fetch-benchmarks.md);
     * otherwise the file is copied and read as in {@link #admit}.
     */
    public Path admitHashed(Path candidate, Checksum checksum, long size, String digestHex) throws IOException {
        return admit(candidate, checksum, size, false, Objects.requireNonNull(digestHex, "digestHex"));
    }

    private Path admit(Path candidate, Checksum checksum, long size, boolean keepSource, String digestHex)
            throws IOException {
        requireSecure(checksum);
        Path target = pathOf(checksum);
        Files.createDirectories(root);
        Path tmp = Files.createTempFile(root, ".admit-", ".tmp");
        Path copy = null;
        try {
            Files.delete(tmp);
            if (keepSource) {
                try {
                    Files.createLink(tmp, candidate);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(candidate, tmp, LinkOption.NOFOLLOW_LINKS);
                }
            } else {
                Files.move(candidate, tmp);
            }
            PosixFileAttributes attrs = Files.readAttributes(tmp, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isRegularFile()) {
                throw new Mismatch(candidate + " is not a regular file");
            }
            if (size >= 0 && attrs.size() != size) {
                // Before any copy: a huge (sparse) file must not make this process fill the disk.
                throw new Mismatch(candidate + ": size is " + attrs.size() + " bytes, the signed index says " + size);
            }
            boolean othersMayWrite = attrs.permissions().contains(PosixFilePermission.GROUP_WRITE)
                    || attrs.permissions().contains(PosixFilePermission.OTHERS_WRITE);
            if (othersMayWrite || !attrs.owner().equals(Files.getOwner(root, LinkOption.NOFOLLOW_LINKS))) {
                copy = Files.createTempFile(root, ".admit-", ".copy");
                try (InputStream in = Files.newInputStream(tmp, LinkOption.NOFOLLOW_LINKS)) {
                    // At most the expected size: the other user may grow the file while it is copied.
                    Files.copy(size >= 0 ? new java.io.BufferedInputStream(in) {
                        private long left = size + 1;

                        @Override
                        public synchronized int read(byte[] b, int off, int len) throws IOException {
                            if (left <= 0) {
                                return -1;
                            }
                            int n = super.read(b, off, (int) Math.min(len, left));
                            if (n > 0) {
                                left -= n;
                            }
                            return n;
                        }
                    } : in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.delete(tmp);
                Files.move(copy, tmp);
                copy = null;
                digestHex = null;
            }
            if (digestHex == null) {
                verify(tmp, checksum, size);
            } else if (!digestHex.equals(checksum.hex())) {
                throw new Mismatch(candidate + ": " + checksum.algorithm().name() + " is " + digestHex
                        + ", the signed index says " + checksum.hex());
            }
            // Readable by all (the seeding process may run as another user), writable by the owner only.
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            move(tmp, target);
            return target;
        } catch (Mismatch e) {
            if (!keepSource) {
                Files.deleteIfExists(candidate);
            }
            throw e;
        } finally {
            Files.deleteIfExists(tmp);
            if (copy != null) {
                Files.deleteIfExists(copy);
            }
        }
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
