package dev.peerget.fetch.torrent;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The engine child's class-data-sharing archive (JDK 17 dynamic AppCDS, layered on the JDK's default archive): the
 * classes the child loads until READY, mapped instead of parsed, which halves the child's start-up CPU
 * (docs/torrent-engine.md, "Start-up: class-data sharing").
 *
 * <p>One archive per class path and Java: {@code DIR/engine-KEY-SIZE.jsa}, KEY a hash of the java binary, the
 * JVM's library and modules, the class path and each entry's size and modification time (what the JVM itself
 * checks before it maps an archive), SIZE the archive's length in bytes. A file of another length is never passed:
 * JDK 17 dies of SIGBUS mapping a truncated archive, where it ignores one of the wrong content or class path
 * ({@code -Xshare:auto}).
 *
 * <p>The archive is made after an engine started without one has closed, by a detached, {@code nice}d training
 * child: the engine started with {@code -XX:ArchiveClassesAtExit} and stdin closed (it answers READY, sees the end
 * of its input and exits, dumping), as the same user as the engine, into a temporary file that is checked
 * ({@code -Xshare:on}) and renamed into place. {@code DIR/engine-KEY.attempt} keeps a failed training from being
 * retried within the hour. Every file is written by one process and renamed, so concurrent engines never see half
 * an archive. Only class paths of jars qualify: JDK 17 archives no classes from directories.
 *
 * <p>Stateless apart from the files; safe to use from several threads and processes.
 */
final class EngineArchive {
    private static final String PREFIX = "engine-";
    private static final Duration RETRY_AFTER = Duration.ofHours(1);
    /** Silences CDS's warnings (a stale or foreign archive): the parent keeps the child's output for its errors. */
    static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    /**
     * Run by {@code sh -c}: {@code $1} the archive's path without suffix, {@code $2} java, {@code $3} the class path,
     * then the engine's JVM options and arguments. The dump and its check (0.35-0.45 s of CPU) run at
     * the lowest priority: {@code nice} ranks processes within their session's scheduling group only, and
     * {@code setsid} gives the training a group of its own (Linux's autogroups, on by default), which would compete
     * with the install as an equal, so that group's own nice value is set to 19 as well.
     */
    private static final String TRAIN = """
            p=$1 java=$2 cp=$3; shift 3; tmp=$p.$$.tmp
            { echo 19 > /proc/self/autogroup; } 2>/dev/null
            "$java" -XX:ArchiveClassesAtExit="$tmp" "$@" </dev/null >/dev/null 2>&1 \\
              && "$java" -XX:SharedArchiveFile="$tmp" -Xshare:on -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$cp" \\
                   -version >/dev/null 2>&1 \\
              && size=$(stat -c %s "$tmp") && chmod 644 "$tmp" && mv -f "$tmp" "$p-$size.jsa"
            rm -f "$tmp"
            """;

    private final Path dir;
    private final String key;

    private EngineArchive(Path dir, String key) {
        this.dir = dir;
        this.key = key;
    }

    /**
     * The archive of a child run by {@code javaHome} with {@code classPath}, kept in {@code dir}; null when
     * {@code dir} is null or the class path has an entry that is not a file (a directory, or missing).
     */
    static EngineArchive of(Path dir, Path javaHome, String classPath) {
        if (dir == null) {
            return null;
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<Path> identity = new ArrayList<>(List.of(javaHome.resolve("bin/java"),
                    javaHome.resolve("lib/server/libjvm.so"), javaHome.resolve("lib/modules")));
            md.update((classPath + "\n").getBytes(StandardCharsets.UTF_8));
            for (String entry : classPath.split(File.pathSeparator)) {
                Path p = Path.of(entry);
                if (!Files.isRegularFile(p)) {
                    return null;
                }
                identity.add(p);
            }
            for (Path p : identity) {
                md.update((p + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return new EngineArchive(dir.toAbsolutePath(), HexFormat.of().formatHex(md.digest()).substring(0, 16));
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** The complete archive, or null when there is none yet (or it cannot be read). */
    Path existing() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + key + "-*.jsa")) {
            for (Path f : files) {
                if (f.equals(file(Files.size(f))) && Files.isReadable(f)) {
                    return f;
                }
            }
        } catch (IOException e) {
            // No directory yet, or not readable: no archive.
        }
        return null;
    }

    /** Where the archive of {@code size} bytes is. */
    Path file(long size) {
        return dir.resolve(PREFIX + key + "-" + size + ".jsa");
    }

    /** The JVM options that map {@code archive}, or let the JVM go on without it, silently. */
    static List<String> options(Path archive) {
        List<String> options = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"));
        options.addAll(QUIET);
        return options;
    }

    /**
     * Starts the training in the background unless an archive is there or a training began within the hour;
     * returns at once. {@code runAs} is the engine's user prefix, {@code jvmOptions} the engine's JVM options up to
     * its class path, {@code main} its main class and arguments. Archives of other keys go: a new build or Java
     * made them stale.
     */
    void train(List<String> runAs, Path java, List<String> jvmOptions, String classPath, List<String> main,
            ProcessBuilder template) {
        try {
            Files.createDirectories(dir);
            if (existing() != null || !claim(dir.resolve(PREFIX + key + ".attempt"))) {
                return;
            }
            removeStale();
            List<String> command = new ArrayList<>(List.of("setsid", "--fork"));
            command.addAll(runAs);
            command.addAll(List.of("nice", "-n", "19", "/bin/sh", "-c", TRAIN, "sh",
                    dir.resolve(PREFIX + key).toString(), java.toString(), classPath));
            command.addAll(jvmOptions);
            command.addAll(QUIET);
            command.addAll(List.of("-cp", classPath));
            command.addAll(main);
            template.command(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            // No archive this time: the engine starts without one, as before.
        }
    }

    /** Whether this process may train now: the attempt file is new, or older than {@link #RETRY_AFTER}. */
    private static boolean claim(Path attempt) throws IOException {
        try {
            Files.createFile(attempt);
            return true;
        } catch (FileAlreadyExistsException e) {
            Instant last = Files.getLastModifiedTime(attempt).toInstant();
            if (last.isAfter(Instant.now().minus(RETRY_AFTER))) {
                return false;
            }
            Files.setLastModifiedTime(attempt, FileTime.from(Instant.now()));
            return true;
        }
    }

    /** Deletes the archives and attempts of other keys, and temporary files over an hour old. */
    private void removeStale() throws IOException {
        Instant old = Instant.now().minus(RETRY_AFTER);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                boolean tmp = name.endsWith(".tmp");
                if (tmp ? Files.getLastModifiedTime(f).toInstant().isBefore(old)
                        : !name.startsWith(PREFIX + key) && (name.endsWith(".jsa") || name.endsWith(".attempt"))) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
