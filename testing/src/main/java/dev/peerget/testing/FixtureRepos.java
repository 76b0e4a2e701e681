package dev.peerget.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The signed apt and yum fixture repositories built by {@code scripts/make-fixture-repos.sh} with the real
 * tools (see {@code scripts/fixture-repos.md} for the package universe and layout).
 *
 * <p>{@link #get()} builds them once and caches them in {@code <project>/target/fixture-repos/<hash>/},
 * where {@code <hash>} is derived from the script's content, so every JVM and module reuses one build and
 * an edited script causes a rebuild. A build goes into a temporary directory that is renamed into place
 * only when complete, under a file lock, so concurrent JVMs never see half a repository.
 *
 * <p>The shared copy is read-only by convention: a test that tampers with files works on
 * {@link #copyTo(Path)}. Instances are immutable and thread-safe.
 */
public final class FixtureRepos {
    private static final String SCRIPT = "scripts/make-fixture-repos.sh";
    private static final String STAMP = "stamp";
    private static final long BUILD_TIMEOUT_SECONDS = 300;

    private static FixtureRepos shared;

    private final Path root;

    private FixtureRepos(Path root) {
        this.root = root;
    }

    /** The shared fixture repositories, built on first use (a few seconds) and reused afterwards. */
    public static synchronized FixtureRepos get() {
        if (shared == null) {
            shared = new FixtureRepos(buildOrReuse(Corpus.projectDir()));
        }
        return shared;
    }

    /** The output directory, holding {@code apt/}, {@code yum/} and {@code keys/}. */
    public Path root() {
        return root;
    }

    /** The Debian repository root: serve it and use {@code deb URL stable main contrib}. */
    public Path aptRoot() {
        return root.resolve("apt");
    }

    /** The yum repository root, holding {@code Packages/} and {@code repodata/}. */
    public Path yumRoot() {
        return root.resolve("yum");
    }

    /** The signing key, armored ({@code keys/repo.asc}). */
    public Path keyArmored() {
        return root.resolve("keys/repo.asc");
    }

    /** The signing key, binary ({@code keys/repo.gpg}), usable as apt's {@code signed-by} and gpgv keyring. */
    public Path keyBinary() {
        return root.resolve("keys/repo.gpg");
    }

    /** An unrelated key, armored, for "signed by the wrong key" tests. */
    public Path otherKeyArmored() {
        return root.resolve("keys/other.asc");
    }

    /** An unrelated key, binary, for "signed by the wrong key" tests. */
    public Path otherKeyBinary() {
        return root.resolve("keys/other.gpg");
    }

    /** The signing key's fingerprint: 40 upper-case hex digits. */
    public String fingerprint() {
        try {
            return Files.readString(root.resolve("keys/fingerprint"), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies all repositories and keys into {@code dir} (created if needed) for a test that modifies them,
     * and returns a view of the copy.
     */
    public FixtureRepos copyTo(Path dir) {
        try {
            copyTree(root, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("copying fixture repositories to " + dir, e);
        }
        return new FixtureRepos(dir.toAbsolutePath().normalize());
    }

    @Override
    public String toString() {
        return "FixtureRepos[" + root + "]";
    }

    private static Path buildOrReuse(Path projectDir) {
        Path script = projectDir.resolve(SCRIPT);
        String hash;
        try {
            hash = sha256(Files.readAllBytes(script));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + script, e);
        }
        Path cache = projectDir.resolve("target/fixture-repos");
        Path done = cache.resolve(hash.substring(0, 16));
        if (isComplete(done, hash)) {
            return done;
        }
        try {
            Files.createDirectories(cache);
            try (FileChannel lockFile = FileChannel.open(cache.resolve(".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = lockFile.lock()) {
                if (isComplete(done, hash)) {
                    return done; // another JVM built it while we waited for the lock
                }
                removeStale(cache, done);
                Path tmp = Files.createTempDirectory(cache, "building-");
                try {
                    // createTempDirectory makes it rwx------; tools running as another user (apt's _apt
                    // sandbox user reading a signed-by key) must be able to read the published tree.
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
                    runScript(projectDir, script, tmp);
                    Files.writeString(tmp.resolve(STAMP), hash + "\n", StandardCharsets.US_ASCII);
                    publish(tmp, done);
                } finally {
                    deleteTree(tmp);
                }
                if (!isComplete(done, hash)) {
                    throw new IllegalStateException("fixture repositories missing after build: " + done);
                }
                return done;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("building fixture repositories in " + cache, e);
        }
    }

    private static boolean isComplete(Path dir, String hash) {
        try {
            return Files.isRegularFile(dir.resolve(STAMP))
                    && Files.readString(dir.resolve(STAMP), StandardCharsets.US_ASCII).trim().equals(hash);
        } catch (IOException e) {
            return false;
        }
    }

    private static void publish(Path tmp, Path done) throws IOException {
        try {
            Files.move(tmp, done, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // An incomplete directory from a killed build (renames are atomic, so only a crash between a
            // manual copy and its stamp could leave one): replace it.
            deleteTree(done);
            Files.move(tmp, done, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + tmp + " to " + done + " atomically", e);
        }
    }

    /** Removes builds of other script versions and abandoned temporary directories. Holds the lock. */
    private static void removeStale(Path cache, Path keep) throws IOException {
        try (Stream<Path> entries = Files.list(cache)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (Files.isDirectory(p) && !p.equals(keep)) {
                    deleteTree(p);
                }
            }
        }
    }

    private static void runScript(Path projectDir, Path script, Path out) throws IOException {
        Path log = Files.createTempFile("fixture-repos-", ".log");
        try {
            Process process = new ProcessBuilder("bash", script.toString(), out.toString())
                    .directory(projectDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean finished = process.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (!finished || process.exitValue() != 0) {
                throw new IllegalStateException(SCRIPT + " " + (finished
                        ? "failed with exit code " + process.exitValue()
                        : "timed out after " + BUILD_TIMEOUT_SECONDS + " s")
                        + " (missing tools? run scripts/install-test-deps.sh):\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building fixture repositories", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
