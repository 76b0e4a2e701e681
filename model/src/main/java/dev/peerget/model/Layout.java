package dev.peerget.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where peerget and the package tools it works with keep their files, all below one root directory
 * ({@code /} normally, a throwaway directory with {@code --root}). Libraries take every path from here,
 * never from a literal, so that {@code --root} works like {@code dpkg --root} and {@code dnf --installroot}.
 */
public record Layout(Path root, Path cacheDir) {
    /** @param cacheDir the package cache; null for the system's, {@code /var/cache/peerget} under the root */
    public Layout {
        Objects.requireNonNull(root, "root");
        root = root.toAbsolutePath().normalize();
        cacheDir = cacheDir != null ? cacheDir.toAbsolutePath().normalize() : root.resolve("var/cache/peerget");
    }

    public Layout(Path root) {
        this(root, null);
    }

    /** The same layout with its package cache in {@code dir} (a user's download without the system's cache). */
    public Layout withCacheDir(Path dir) {
        return new Layout(root, Objects.requireNonNull(dir, "dir"));
    }

    /** The layout of the running system. */
    public static Layout system() {
        return new Layout(Path.of("/"));
    }

    /** Resolves an absolute system path (such as {@code /etc/apt}) below the root. */
    public Path resolve(String absolutePath) {
        String relative = absolutePath.startsWith("/") ? absolutePath.substring(1) : absolutePath;
        return root.resolve(relative);
    }

    public Path peergetConf() { return resolve("/etc/peerget/peerget.conf"); }
    public Path aptSourcesList() { return resolve("/etc/apt/sources.list"); }
    public Path aptSourcesDir() { return resolve("/etc/apt/sources.list.d"); }
    public Path aptTrustedDir() { return resolve("/etc/apt/trusted.gpg.d"); }
    public Path aptTrustedKeyring() { return resolve("/etc/apt/trusted.gpg"); }
    public Path yumReposDir() { return resolve("/etc/yum.repos.d"); }
    public Path stateDir() { return resolve("/var/lib/peerget"); }
    public Path metadataDatabase() { return stateDir().resolve("metadata.db"); }
    public Path listsDir() { return stateDir().resolve("lists"); }
    /** The torrents repositories publish in their signed indexes, as update verified them. */
    public Path torrentsDir() { return listsDir().resolve("torrents"); }
    public Path lockFile() { return stateDir().resolve("lock"); }
    public Path marksFile() { return stateDir().resolve("extended_states"); }
    /** The seeding daemon's pid, lock, control socket and entries. */
    public Path seedStateDir() { return stateDir().resolve("seed"); }
    public Path aptExtendedStates() { return resolve("/var/lib/apt/extended_states"); }
    public Path dpkgAdminDir() { return resolve("/var/lib/dpkg"); }
    public Path dpkgStatusFile() { return dpkgAdminDir().resolve("status"); }
    public Path rpmDbPath() { return resolve("/var/lib/rpm"); }
}
