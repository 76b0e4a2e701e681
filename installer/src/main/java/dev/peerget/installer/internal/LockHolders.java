package dev.peerget.installer.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds which process holds a POSIX ({@code fcntl}) lock on a file, as apt does with {@code F_GETLK}: Java
 * cannot ask fcntl, so this reads the kernel's lock table {@code /proc/locks} and matches the file's inode.
 * That names any holder (dpkg, apt, another peerget), not only programs that write their pid somewhere.
 */
public final class LockHolders {
    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private LockHolders() {
    }

    /** The pid holding a lock on {@code file}, if the lock table shows one. */
    public static OptionalLong holderOf(Path file) {
        long inode;
        List<String> lines;
        try {
            inode = (Long) Files.getAttribute(file, "unix:ino");
            lines = Files.readAllLines(PROC_LOCKS, StandardCharsets.US_ASCII);
        } catch (IOException | UnsupportedOperationException e) {
            return OptionalLong.empty();
        }
        return holderIn(lines, inode);
    }

    /**
     * Parses {@code /proc/locks} lines ({@code 1: POSIX  ADVISORY  WRITE 1234 08:01:1311 0 EOF}); waiters, shown
     * with {@code ->}, are skipped, and so are open-file-description locks, which show pid -1.
     */
    static OptionalLong holderIn(List<String> lines, long inode) {
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || f[1].equals("->")) {
                continue;
            }
            String[] device = f[5].split(":");
            try {
                long pid = Long.parseLong(f[4]);
                if (device.length == 3 && Long.parseLong(device[2]) == inode && pid > 0) {
                    return OptionalLong.of(pid);
                }
            } catch (NumberFormatException e) {
                // a line of a format we do not know: not ours
            }
        }
        return OptionalLong.empty();
    }

    /** The short command name of {@code pid} ({@code /proc/PID/comm}), if the process still exists. */
    public static Optional<String> commandName(long pid) {
        try {
            return Optional.of(Files.readString(Path.of("/proc", Long.toString(pid), "comm"),
                    StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
