package dev.peerget.installer;

import dev.peerget.installer.internal.LockHolders;
import dev.peerget.model.Layout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The locks that make one process the only one changing a root: peerget's own {@link Layout#lockFile()}
 * (holding the owner's pid as text, for people and older tools) and, for Debian roots, dpkg's frontend lock
 * {@code <admindir>/lock-frontend}, which apt, aptitude and dpkg itself also take. Both are whole-file
 * {@code fcntl} write locks ({@link FileChannel#tryLock()} on Linux), so they vanish with the process that held
 * them: a killed peerget never leaves a stale lock. While peerget holds the frontend lock it runs dpkg with
 * {@code DPKG_FRONTEND_LOCKED=1}, so dpkg does not try to take it again (dpkg(1), ENVIRONMENT).
 *
 * <p>fcntl locks belong to the process, and closing any descriptor of the file drops them: nothing else in the
 * JVM may open these files while the lock is held. One instance per root and process; not thread-safe.
 */
public final class RootLock implements AutoCloseable {
    private final Layout layout;
    private final List<Held> held;
    private boolean closed;

    private record Held(Path file, FileChannel channel, FileLock lock, boolean writesPid) {
    }

    private RootLock(Layout layout, List<Held> held) {
        this.layout = layout;
        this.held = held;
    }

    /**
     * Takes peerget's lock of {@code layout}'s root and, with {@code dpkgFrontend} and when the root has a dpkg
     * database, dpkg's frontend lock. Never waits.
     *
     * @throws LockedException when another process (or this one) holds either lock; names the holder's pid
     */
    public static RootLock acquire(Layout layout, boolean dpkgFrontend) {
        Objects.requireNonNull(layout, "layout");
        List<Held> held = new ArrayList<>();
        try {
            held.add(lock(layout.lockFile(), true, "wait for the other peerget to finish"));
            Path admin = layout.dpkgAdminDir();
            if (dpkgFrontend && Files.isDirectory(admin)) {
                held.add(lock(admin.resolve("lock-frontend"), false,
                        "wait for the other package manager (apt, dpkg, peerget) to finish"));
            }
        } catch (RuntimeException e) {
            release(held);
            throw e;
        }
        return new RootLock(layout, List.copyOf(held));
    }

    /** The root this lock protects. */
    public Layout layout() {
        return layout;
    }

    /** Whether the lock is still held (not yet closed). */
    public boolean isHeld() {
        return !closed && held.stream().allMatch(h -> h.lock().isValid());
    }

    /** Whether this lock includes dpkg's frontend lock (dpkg must then run with DPKG_FRONTEND_LOCKED=1). */
    public boolean holdsDpkgFrontend() {
        return held.stream().anyMatch(h -> !h.writesPid());
    }

    /** Releases both locks; the pid is erased from peerget's lock file first. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            release(held);
        }
    }

    private static Held lock(Path file, boolean writePid, String hint) {
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                try {
                    // apt creates dpkg's lock files 0640; ours holds nothing secret but need not be world-readable.
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-r-----")));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // created by a concurrent process: fine, we lock it below
                }
            }
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                throw locked(file, OptionalLong.of(ProcessHandle.current().pid()), hint
                        + " (this process already holds it: close the other RootLock first)");
            }
            if (lock == null) {
                throw locked(file, holder(file, channel), hint);
            }
            if (writePid) {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                        .getBytes(StandardCharsets.US_ASCII)), 0);
                channel.force(false);
            }
            return new Held(file, channel, lock, writePid);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new InstallerException("cannot open lock file " + file + ": " + e.getMessage(),
                    "are you root? peerget needs write access to " + file.getParent(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The holder from the kernel's lock table, else the pid a peerget wrote into the file. */
    private static OptionalLong holder(Path file, FileChannel channel) throws IOException {
        OptionalLong pid = LockHolders.holderOf(file);
        if (pid.isPresent()) {
            return pid;
        }
        ByteBuffer buf = ByteBuffer.allocate(32);
        channel.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
        try {
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static LockedException locked(Path file, OptionalLong pid, String hint) {
        String who = pid.isPresent()
                ? " It is held by process " + pid.getAsLong()
                        + LockHolders.commandName(pid.getAsLong()).map(n -> " (" + n + ")").orElse("")
                : " It is held by another process";
        return new LockedException("Could not get lock " + file + "." + who, hint, file, pid);
    }

    private static void release(List<Held> held) {
        for (Held h : held) {
            try {
                if (h.writesPid() && h.lock().isValid()) {
                    h.channel().truncate(0);
                }
                h.lock().release();
            } catch (IOException e) {
                // releasing a lock of an open channel does not fail in practice; closing releases it anyway
            } finally {
                closeQuietly(h.channel());
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to do: the lock goes with the descriptor
            }
        }
    }

    @Override
    public String toString() {
        return "RootLock[" + layout.root() + (closed ? ", released]" : "]");
    }
}
