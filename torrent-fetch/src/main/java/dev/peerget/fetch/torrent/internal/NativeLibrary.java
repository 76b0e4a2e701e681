package dev.peerget.fetch.torrent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarEntry;

/**
 * Locates libtorrent4j's pieces without loading them: the native library inside the {@code libtorrent4j-linux}
 * jar, extracted once per content into {@code CACHE/native/libtorrent4j-SHA/}, and the Java jar for the child's
 * class path. Nothing here touches a libtorrent4j class, so the caller's JVM keeps its signal handlers.
 */
public final class NativeLibrary {
    /** Where the -linux jar keeps the library (checked against libtorrent4j-linux 2.0.6-26). */
    static final String RESOURCE = "lib/x86_64/libtorrent4j.so";

    private NativeLibrary() {}

    /**
     * The extracted library's absolute path, extracting it if this content is not there yet. The directory is
     * named by the content: by the jar entry's CRC-32 and size, which the jar's directory gives without inflating
     * anything (inflating and hashing the 14.7 MB library took 0.15 s of CPU at every engine start, before the
     * engine could start: docs/fetch-benchmarks.md), or by the SHA-256 of a library that is not in a jar. So an
     * upgraded jar never reuses a stale library, and concurrent extractions of the same content are harmless
     * (each writes a temporary file and renames it into place).
     */
    public static Path extract(Path cacheDir) throws IOException {
        URL url = NativeLibrary.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new IOException(RESOURCE + " is not on the class path (is libtorrent4j-linux a dependency, and is "
                    + "this x86_64 Linux?)");
        }
        Path nativeDir = cacheDir.resolve("native");
        Files.createDirectories(nativeDir);
        JarEntry entry = url.openConnection() instanceof JarURLConnection jar ? jar.getJarEntry() : null;
        if (entry != null && entry.getSize() >= 0 && entry.getCrc() >= 0) {
            Path lib = nativeDir.resolve(String.format("libtorrent4j-crc%08x-%d", entry.getCrc(), entry.getSize()))
                    .resolve("libtorrent4j.so");
            if (Files.isRegularFile(lib) && Files.size(lib) == entry.getSize()) {
                return lib.toAbsolutePath();
            }
            Path temp = Files.createTempFile(nativeDir, "libtorrent4j", ".so.part");
            try {
                try (InputStream in = url.openStream()) {
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                }
                return install(temp, lib);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        Path temp = Files.createTempFile(nativeDir, "libtorrent4j", ".so.part");
        try {
            String sha;
            try (InputStream in = new DigestInputStream(url.openStream(), sha256())) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                sha = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            }
            Path lib = nativeDir.resolve("libtorrent4j-" + sha.substring(0, 16)).resolve("libtorrent4j.so");
            if (Files.isRegularFile(lib) && Files.size(lib) == Files.size(temp)) {
                return lib.toAbsolutePath();
            }
            return install(temp, lib);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path install(Path temp, Path lib) throws IOException {
        Files.createDirectories(lib.getParent());
        try {
            Files.move(temp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, lib, StandardCopyOption.REPLACE_EXISTING);
        }
        return lib.toAbsolutePath();
    }

    /** The jar (or classes directory) holding libtorrent4j's Java classes, found without loading them. */
    public static Path javaJar() {
        return location("org/libtorrent4j/SessionManager.class");
    }

    /** The jar (or classes directory) holding {@link EngineMain}. */
    public static Path engineClasses() {
        return location(EngineMain.class.getName().replace('.', '/') + ".class");
    }

    private static Path location(String resource) {
        URL url = NativeLibrary.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the class path");
        }
        try {
            String spec = url.toString();
            if (spec.startsWith("jar:")) {
                return Path.of(new URL(spec.substring(4, spec.indexOf("!/"))).toURI());
            }
            Path file = Path.of(url.toURI());
            int depth = resource.split("/").length;
            for (int i = 0; i < depth; i++) {
                file = file.getParent();
            }
            return file;
        } catch (URISyntaxException | IOException e) {
            throw new UncheckedIOException(new IOException("cannot locate " + resource + " at " + url, e));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }
}
