package dev.peerget.fetch.seed;

import dev.peerget.fetch.FetchException;
import java.io.BufferedReader;
import java.io.IOException;
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
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CLI's side of the seeding daemon: hand fetched torrents over, ask for status, stop it. One daemon per state
 * directory (per root): it holds a lock on {@code daemon.lock} while it runs, writes its pid to {@code daemon.pid}
 * and listens on the Unix socket {@code control.sock}; entries live in {@code torrents/}.
 *
 * <p>Control protocol: the client sends one line, the daemon answers with lines and closes.
 * <pre>
 *   STATUS  → one line per torrent: TORRENT hash name files fetched uploaded peers seconds-left (tab-separated)
 *   RELOAD  → OK (re-reads torrents/ after a hand-off)
 *   STOP    → OK, then the daemon stops its session and exits
 * </pre>
 */
public final class SeedControl {
    static final String LOCK = "daemon.lock";
    static final String PID = "daemon.pid";
    static final String SOCKET = "control.sock";
    static final String TORRENTS = "torrents";
    static final String LOG = "daemon.log";
    private static final Duration STARTUP = Duration.ofSeconds(15);

    private final Path stateDir;

    public SeedControl(Path stateDir) {
        this.stateDir = stateDir;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** Whether a daemon holds this state directory's lock now. */
    public boolean isRunning() {
        Path lock = stateDir.resolve(LOCK);
        if (!Files.exists(lock)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
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
        try {
            return Optional.of(Long.parseLong(Files.readString(stateDir.resolve(PID)).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Records {@code entries} (merged with what is already seeded) and makes the daemon seed them: tells a running
     * daemon to reload, or starts one with {@code launcher}. Returns whether a new daemon was started.
     */
    public boolean handOff(List<SeedEntry> entries, SeedPolicy policy, SeedLauncher launcher) throws IOException {
        Path dir = Files.createDirectories(stateDir.resolve(TORRENTS));
        for (SeedEntry e : entries) {
            SeedEntry.update(dir, e.infoHash(), onDisk -> onDisk == null ? e : onDisk.merge(e));
        }
        policy.write(stateDir);
        launcher.prepare(stateDir);
        if (isRunning()) {
            try {
                if (request("RELOAD").equals(List.of("OK"))) {
                    return false;
                }
                waitForExit(Duration.ofSeconds(10));
            } catch (IOException e) {
                // It is just exiting (nothing left to seed) or its socket is gone: start a new one below.
                waitForExit(Duration.ofSeconds(10));
            }
        }
        launcher.launch(stateDir);
        // Wait until it holds its lock, so that 'seed status' right after an install sees it, and a daemon that
        // cannot start is reported rather than silently missing.
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!isRunning()) {
            if (System.nanoTime() > deadline) {
                Path log = stateDir.resolve(LOG);
                String tail = Files.exists(log) ? Files.readString(log).strip() : "";
                throw new IOException("the seeding process did not start within " + STARTUP.toSeconds() + " s"
                        + (tail.isEmpty() ? "" : "; its log " + log + " ends with: "
                        + tail.substring(Math.max(0, tail.length() - 500))));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting the seeding process", e);
            }
        }
        return true;
    }

    /** Per-torrent status from the running daemon; empty when none runs. */
    public List<SeedStatus> status() throws IOException {
        if (!isRunning()) {
            return List.of();
        }
        List<SeedStatus> out = new ArrayList<>();
        for (String line : request("STATUS")) {
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
        try {
            request("STOP");
        } catch (IOException e) {
            // Its socket is closed: it is exiting already; wait below.
        }
        if (!waitForExit(wait)) {
            throw new FetchException("the seeding daemon (pid " + pid().map(String::valueOf).orElse("?")
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
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Sends one command line, returns the answer's lines. */
    List<String> request(String command) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(stateDir.resolve(SOCKET)));
            OutputStream out = Channels.newOutputStream(ch);
            out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            ch.shutdownOutput();
            List<String> lines = new ArrayList<>();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
            return lines;
        }
    }
}
