package dev.peerget.repo.rpm;

import dev.peerget.model.InstalledPackage;
import dev.peerget.repo.MetadataException;
import dev.peerget.repo.rpm.internal.RpmQueryOutputParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Reads the installed-package state of an RPM root by running the real {@code rpm -qa} with a query format
 * ({@link RpmQueryOutputParser#QUERY_FORMAT}) that prints identity, sizes, summary, files and every dependency
 * array with its numeric sense flags. Asking rpm itself keeps peerget independent of the rpmdb backend
 * (sqlite, ndb, bdb_ro) a distribution uses.
 *
 * <p>{@code dbPath} is interpreted inside {@code root}, as rpm's {@code --dbpath} is. A missing or empty database
 * directory yields an empty list without running rpm, because {@code rpm -qa} would create an empty database
 * (and the directories leading to it) as a side effect. {@code gpg-pubkey} pseudo-packages (imported keys) are not
 * packages and are left out, as libsolv does. Thread-safe: no state beyond the command name.
 */
public final class RpmDbReader {
    private final String rpmCommand;

    /** A reader running {@code rpm} from the PATH. */
    public RpmDbReader() {
        this("rpm");
    }

    /** A reader running the given rpm executable. */
    public RpmDbReader(String rpmCommand) {
        this.rpmCommand = Objects.requireNonNull(rpmCommand, "rpmCommand");
    }

    /**
     * The packages installed in {@code root} according to the rpmdb at {@code dbPath} (e.g. {@code /var/lib/rpm}).
     *
     * @throws MetadataException when rpm fails or prints something unexpected
     */
    public List<InstalledPackage> read(Path root, Path dbPath) {
        Path db = root.resolve(dbPath.isAbsolute() ? dbPath.getRoot().relativize(dbPath) : dbPath);
        if (!isNonEmptyDirectory(db)) {
            return List.of();
        }
        String source = "rpm -qa --root " + root + " --dbpath " + dbPath;
        ProcessBuilder pb = new ProcessBuilder(rpmCommand, "--root", root.toString(), "--dbpath", dbPath.toString(),
                "-qa", "--qf", RpmQueryOutputParser.QUERY_FORMAT);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new MetadataException("cannot run " + rpmCommand + ": " + e.getMessage(),
                    "install rpm (Debian: apt-get install rpm)", e);
        }
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        List<InstalledPackage> result;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            result = RpmQueryOutputParser.parse(out, source);
        } catch (IOException e) {
            p.destroy();
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
        int exit;
        try {
            exit = p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new MetadataException(source + ": interrupted");
        }
        if (exit != 0) {
            throw new MetadataException(source + " failed with exit code " + exit + ": " + stderr.join().strip());
        }
        return result;
    }

    private static boolean isNonEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rpmdb directory " + dir, e);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
