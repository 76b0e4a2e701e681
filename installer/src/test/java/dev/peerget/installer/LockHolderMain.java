package dev.peerget.installer;

import dev.peerget.model.Layout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A second process for lock tests: takes a lock of the root given as first argument, prints {@code locked}, and
 * holds it until its standard input ends. Mode {@code root} takes a {@link RootLock} (peerget's and dpkg's
 * frontend lock); mode {@code frontend} only dpkg's frontend lock, as apt holds it while it runs.
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Layout layout = new Layout(Path.of(args[0]));
        AutoCloseable held;
        if (args[1].equals("root")) {
            held = RootLock.acquire(layout, true);
        } else {
            Path file = layout.dpkgAdminDir().resolve("lock-frontend");
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.lock();
            held = channel;
        }
        System.out.println("locked");
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold the lock until the test closes our standard input
        }
        held.close();
    }
}
