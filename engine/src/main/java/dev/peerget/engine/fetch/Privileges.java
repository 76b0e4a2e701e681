package dev.peerget.engine.fetch;

import dev.peerget.engine.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Reduced privileges for the torrent engine (seed 000: "The BitTorrent servent would need to run in a
 * reduced-privilege mode"). When peerget runs as root, the processes that talk to the network (the seeding daemon
 * and its engine) run as the system user {@value #USER}, created on first use like apt's {@code _apt}, through
 * {@code setpriv}. They get a copy of peerget's class path they can read, and own only the directories they write
 * (the swarm data and the seeding state). The root process keeps reading verified files and running dpkg/rpm.
 */
public final class Privileges {
    /** The unprivileged system user of the torrent engine. */
    public static final String USER = "_peerget";

    private Privileges() {
    }

    /** Whether this process runs as root (uid 0). */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            // No /proc: assume not root, run as the caller.
        }
        return false;
    }

    /** Creates {@value #USER} when it does not exist yet (a system user with no home and no login shell). */
    public static void ensureUser() {
        if (userExists()) {
            return;
        }
        int rc = run(List.of("useradd", "--system", "--user-group", "--home-dir", "/nonexistent", "--no-create-home",
                "--shell", "/usr/sbin/nologin", "--comment", "peerget torrent engine", USER));
        if (rc != 0 && run(List.of("getent", "passwd", USER)) != 0) {
            throw new EngineException("cannot create the system user " + USER + " for the torrent engine (useradd "
                    + "exit " + rc + ")", "create it yourself (useradd --system " + USER + "), or set seed = off");
        }
    }

    /** Whether {@value #USER} exists. */
    public static boolean userExists() {
        return run(List.of("getent", "passwd", USER)) == 0;
    }

    /** The command prefix that runs a program as {@value #USER}. */
    public static List<String> runAsUser() {
        return List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--clear-groups", "--");
    }

    /**
     * Hands the directory {@code dir} (a torrent's download directory) to {@value #USER}: created when missing,
     * {@code lchown}ed when it belongs to someone else. Only that one directory, never a walk below it: the tree
     * below belongs to that user, who could swap any directory in it for a link while a walk runs. Its parent must
     * belong to this process's user and be writable by no one else, so that nobody but this process can put a link
     * at {@code dir} itself.
     */
    public static void giveDirectory(Path dir) throws IOException {
        Path parent = dir.getParent();
        java.nio.file.attribute.PosixFileAttributes p = Files.readAttributes(parent,
                java.nio.file.attribute.PosixFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        String me = System.getProperty("user.name");
        if (!p.isDirectory() || !p.owner().getName().equals(me)
                || p.permissions().contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                || p.permissions().contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(parent + " must be a directory owned by " + me + " and writable by no one else");
        }
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(dir);
        }
        var view = Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
        var attrs = view.readAttributes();
        if (!attrs.isDirectory()) {
            throw new IOException(dir + " is not a directory");
        }
        var users = dir.getFileSystem().getUserPrincipalLookupService();
        var user = users.lookupPrincipalByName(USER);
        if (!attrs.owner().equals(user)) {
            view.setOwner(user);
            view.setGroup(users.lookupPrincipalByGroupName(USER));
        }
    }

    /**
     * Whether another user can reach {@code dir}: every directory from {@code /} down to it searchable by others.
     * A root under a private home directory is not, and the engine cannot run as {@value #USER} there.
     */
    public static boolean reachableByOthers(Path dir) {
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            try {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p)
                        .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * A copy of this JVM's class path under {@code dir} that any user can read (jars and class directories;
     * manifest-only jars, like surefire's, are expanded), reused while the class path stays the same. Synchronized:
     * an engine started ahead of the fetch makes the copy while the fetch may ask for it too.
     */
    public static synchronized String readableClassPath(Path dir) {
        List<Path> entries = expand(System.getProperty("java.class.path"));
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path e : entries) {
                md.update(e.toString().getBytes(StandardCharsets.UTF_8));
                if (Files.exists(e)) {
                    md.update(Long.toString(Files.getLastModifiedTime(e).toMillis()).getBytes(StandardCharsets.UTF_8));
                }
            }
            Path target = dir.resolve("runtime").resolve(HexFormat.of().formatHex(md.digest()).substring(0, 16));
            List<String> copied = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Path source = entries.get(i);
                if (!Files.exists(source)) {
                    continue;
                }
                Path copy = target.resolve(i + "-" + source.getFileName());
                if (!Files.exists(copy)) {
                    copyReadable(source, copy);
                }
                copied.add(copy.toString());
            }
            makeTraversable(target);
            return String.join(java.io.File.pathSeparator, copied);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new EngineException("cannot prepare the torrent engine's class path under " + dir + ": "
                    + e.getMessage(), "check that the directory is writable, or set seed = off");
        }
    }

    private static List<Path> expand(String classPath) {
        Set<Path> out = new LinkedHashSet<>();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path p = Path.of(entry).toAbsolutePath().normalize();
            out.add(p);
            if (p.toString().endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    Manifest m = jar.getManifest();
                    String more = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                    if (more != null) {
                        for (String url : more.trim().split("\\s+")) {
                            Path ref = url.startsWith("file:") ? Path.of(java.net.URI.create(url))
                                    : p.getParent().resolve(url);
                            out.add(ref.toAbsolutePath().normalize());
                        }
                    }
                } catch (IOException | IllegalArgumentException e) {
                    // Not a readable jar: copied as it is.
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static void copyReadable(Path source, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.createDirectories(target.getParent());
        if (Files.isDirectory(source)) {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                    Files.createDirectories(tmp.resolve(source.relativize(d).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.copy(f, tmp.resolve(source.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
        } else {
            Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** rwxr-xr-x on directories and r--r--r-- at least on files, from {@code dir} down. */
    static void makeTraversable(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                Files.setPosixFilePermissions(d, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static int run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (InputStream in = p.getInputStream()) {
                in.readAllBytes();
            }
            return p.waitFor();
        } catch (IOException e) {
            return 127;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
