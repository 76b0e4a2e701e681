package dev.peerget.fetch.seed;

import dev.peerget.fetch.FetchException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The CLI's side of the seeding daemon: hand fetched torrents over, ask for status, stop it. One daemon per
 * state directory (per root).
 *
 * <p>The state directory belongs to the CLI's user (root on a system); the daemon may run as another, less
 * privileged user and owns only {@code run/} inside it: its lock ({@code daemon.lock}, held while it runs), pid,
 * Unix control socket ({@code control.sock}), entries, resume data and log. This side never writes into
 * {@code run/} and never follows a symbolic link there: everything reaches the daemon through the socket, so the
 * daemon's user cannot turn a file this side writes into one it did not mean to write.
 *
 * <p>Control protocol: the client sends lines, the daemon answers each with lines, then the client closes.
 * <pre>
 *   POLICY ratio seconds upload-limit listen local  → OK  (seeding policy from peerget.conf)
 *   ADD base64-entry                                → OK  (a torrent's fetched files; merged with what it has)
 *   STATUS  → one line per torrent: TORRENT hash name files fetched uploaded peers seconds-left, then END
 *   STOP    → OK, then the daemon stops its session and exits
 * </pre>
 */
public final class SeedControl {
    static final String RUN = "run";
    static final String LOCK = "daemon.lock";
    static final String PID = "daemon.pid";
    static final String SOCKET = "control.sock";
    static final String LOG = "daemon.log";
    static final String LAUNCH_LOG = "launch.log";
    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final Duration RELAUNCH = Duration.ofSeconds(8);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Path stateDir;

    public SeedControl(Path stateDir) {
        this.stateDir = stateDir;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** The daemon's own directory. */
    public Path runDir() {
        return stateDir.resolve(RUN);
    }

    /** Whether a daemon holds this state directory's lock now. */
    public boolean isRunning() {
        try {
            // Timed: the daemon's user could swap the file for a FIFO, whose open would block.
            return timed(this::lockHeld);
        } catch (IOException e) {
            return false;
        }
    }

    private boolean lockHeld() {
        Path lock = runDir().resolve(LOCK);
        if (!Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        // Read-only and without following links: a shared lock is refused while the daemon holds its exclusive one.
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            FileLock l = ch.tryLock(0, Long.MAX_VALUE, true);
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The running daemon's pid, if one runs. */
    public Optional<Long> pid() {
        if (!isRunning()) {
            return Optional.empty();
        }
        // The daemon takes its lock before it writes its pid: give it a moment.
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (true) {
            try {
                return Optional.of(Long.parseLong(readSmall(runDir().resolve(PID)).strip()));
            } catch (IOException | NumberFormatException e) {
                if (System.nanoTime() > deadline || !isRunning()) {
                    return Optional.empty();
                }
                sleep(50);
            }
        }
    }

    /**
     * Makes the daemon seed {@code entries} (merged with what it already seeds): starts one with {@code launcher}
     * when none runs, then sends the policy and the entries over the socket. Returns whether a daemon was started.
     */
    public boolean handOff(List<SeedEntry> entries, SeedPolicy policy, SeedLauncher launcher) throws IOException {
        checkStateDir();
        launcher.prepare(runDir());
        boolean started = false;
        long launched = 0;
        if (!isRunning()) {
            launcher.launch(runDir(), policy, stateDir.resolve(LAUNCH_LOG));
            started = true;
            launched = System.nanoTime();
        }
        return send(entries, policy, launcher, started, launched);
    }

    /**
     * Starts a daemon with {@code launcher} when none runs, without waiting for it: a hand-off that follows (within
     * the daemon's idle time, 20 s) finds it up instead of waiting for a JVM to start (about 0.5 s at the end of
     * every install that fetched from a torrent). Returns whether a daemon was started.
     */
    public boolean start(SeedPolicy policy, SeedLauncher launcher) throws IOException {
        checkStateDir();
        launcher.prepare(runDir());
        if (isRunning()) {
            return false;
        }
        launcher.launch(runDir(), policy, stateDir.resolve(LAUNCH_LOG));
        return true;
    }

    private void checkStateDir() throws IOException {
        Files.createDirectories(stateDir);
        // This side writes launch.log here and creates run/: nobody else may be able to put links in it.
        var attrs = Files.readAttributes(stateDir, java.nio.file.attribute.PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isDirectory() || !attrs.owner().getName().equals(System.getProperty("user.name"))
                || attrs.permissions().contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                || attrs.permissions().contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(stateDir + " must be a directory owned by " + System.getProperty("user.name")
                    + " and writable by no one else; fix its owner and mode (chown, chmod 755)");
        }
    }

    private boolean send(List<SeedEntry> entries, SeedPolicy policy, SeedLauncher launcher, boolean started,
                         long launched) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("POLICY " + String.join(" ", policy.arguments()));
        for (SeedEntry e : entries) {
            lines.add("ADD " + e.encode());
        }
        // A freshly started daemon needs a moment before it listens; one that is just exiting refuses: retry
        // (after it has gone, start another) until the deadline.
        long deadline = System.nanoTime() + STARTUP.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                List<String> answers = request(lines);
                if (answers.size() == lines.size() && answers.stream().allMatch("OK"::equals)) {
                    return started;
                }
                last = new IOException("the seeding process answered " + answers);
            } catch (IOException e) {
                last = e;
            }
            // A JVM takes a moment to start and take its lock: launch again only when none came up for a while.
            if (!isRunning() && System.nanoTime() - launched > RELAUNCH.toNanos()) {
                launcher.launch(runDir(), policy, stateDir.resolve(LAUNCH_LOG));
                started = true;
                launched = System.nanoTime();
            }
            sleep(100);
        }
        throw new IOException("the seeding process did not take the hand-off within " + STARTUP.toSeconds() + " s ("
                + (last == null ? "no answer" : last.getMessage()) + ")" + logTail());
    }

    /** Per-torrent status from the running daemon; empty when none runs. */
    public List<SeedStatus> status() throws IOException {
        if (!isRunning()) {
            return List.of();
        }
        List<SeedStatus> out = new ArrayList<>();
        for (String line : request(List.of("STATUS"))) {
            String[] f = line.split("\t", -1);
            if (f.length == 8 && f[0].equals("TORRENT")) {
                out.add(new SeedStatus(f[1], f[2], Integer.parseInt(f[3]), Long.parseLong(f[4]),
                        Long.parseLong(f[5]), Integer.parseInt(f[6]), Duration.ofSeconds(Long.parseLong(f[7]))));
            }
        }
        return out;
    }

    /** Stops the running daemon and waits for it to exit; false when none was running. */
    public boolean stop(Duration wait) throws IOException {
        if (!isRunning()) {
            return false;
        }
        // A daemon that has just taken its lock may not listen yet: ask again until it answers or is gone.
        long deadline = System.nanoTime() + wait.toNanos();
        while (isRunning() && System.nanoTime() < deadline) {
            try {
                request(List.of("STOP"));
                break;
            } catch (IOException e) {
                sleep(100);
            }
        }
        if (!waitForExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
            throw new FetchException("the seeding process (pid " + pid().map(String::valueOf).orElse("?")
                    + ") did not stop within " + wait.toSeconds() + " s", "kill it: kill " + pid().orElse(0L),
                    null, FetchException.Reason.FAILED);
        }
        return true;
    }

    /** Waits until no daemon holds the lock. */
    public boolean waitForExit(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (isRunning()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(100);
        }
        return true;
    }

    /** The daemon's log, for messages (read without following links, at most 64 kB). */
    public String log() {
        try {
            return readSmall(runDir().resolve(LOG));
        } catch (IOException e) {
            return "";
        }
    }

    private String logTail() {
        StringBuilder b = new StringBuilder();
        for (Path log : List.of(stateDir.resolve(LAUNCH_LOG), runDir().resolve(LOG))) {
            try {
                String text = readSmall(log).strip();
                if (!text.isEmpty()) {
                    b.append("; ").append(log).append(" ends with: ")
                            .append(text.substring(Math.max(0, text.length() - 400)));
                }
            } catch (IOException e) {
                // No such log.
            }
        }
        return b.toString();
    }

    /** At most 64 kB of a regular file, without following a link, given up after a few seconds (a FIFO). */
    private static String readSmall(Path file) throws IOException {
        return timed(() -> {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(file + " is not a regular file");
            }
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            }
        });
    }

    /** Something the daemon's side could make block, run on a daemon thread and abandoned after a while. */
    private static <T> T timed(java.util.concurrent.Callable<T> work) throws IOException {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(work);
        Thread t = new Thread(task, "peerget-seed-control");
        t.setDaemon(true);
        t.start();
        try {
            return task.get(REQUEST_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            t.interrupt();
            throw new IOException("the seeding process did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Sends command lines, returns the answer's lines (END lines left out); gives up after a few seconds. */
    private List<String> request(List<String> commands) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            // Closing the channel is what ends a read the daemon never answers.
            return timed(() -> exchange(channel, commands));
        } finally {
            channel.close();
        }
    }

    private List<String> exchange(SocketChannel channel, List<String> commands) throws IOException {
        try (SocketChannel ch = channel) {
            ch.connect(UnixDomainSocketAddress.of(runDir().resolve(SOCKET)));
            // The socket's path lies in the daemon's directory: make sure the daemon (the owner of that directory)
            // is what answers, not whatever socket a link there might lead to.
            UnixDomainPrincipal peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!peer.user().equals(Files.getOwner(runDir(), LinkOption.NOFOLLOW_LINKS))) {
                throw new IOException(runDir().resolve(SOCKET) + " is answered by " + peer.user().getName()
                        + ", not by the owner of " + runDir());
            }
            OutputStream out = Channels.newOutputStream(ch);
            out.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            ch.shutdownOutput();
            List<String> lines = new ArrayList<>();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.equals("END")) {
                    lines.add(line);
                }
            }
            return lines;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
