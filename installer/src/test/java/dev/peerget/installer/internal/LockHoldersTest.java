package dev.peerget.installer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LockHoldersTest {
    private static final List<String> PROC_LOCKS = List.of(
            "1: POSIX  ADVISORY  WRITE 1234 08:01:1311 0 EOF",
            "1: -> POSIX  ADVISORY  WRITE 999 08:01:2222 0 EOF",
            "2: OFDLCK ADVISORY  WRITE -1 00:2f:2222 0 EOF",
            "3: FLOCK  ADVISORY  WRITE 4321 fd:00:2222 0 EOF",
            "4: POSIX  ADVISORY  READ 77 fd:00:5555 128 128");

    @Test
    void findsTheHolderByInode() {
        assertThat(LockHolders.holderIn(PROC_LOCKS, 1311)).hasValue(1234);
        assertThat(LockHolders.holderIn(PROC_LOCKS, 5555)).hasValue(77);
    }

    @Test
    void skipsWaitersAndLocksWithoutAProcess() {
        // inode 2222: a waiter (->) and an OFD lock (pid -1) do not name the holder; the flock line does.
        assertThat(LockHolders.holderIn(PROC_LOCKS, 2222)).hasValue(4321);
        assertThat(LockHolders.holderIn(PROC_LOCKS.subList(0, 3), 2222)).isEmpty();
        assertThat(LockHolders.holderIn(PROC_LOCKS, 42)).isEmpty();
    }

    @Test
    void namesTheCommandOfALiveProcess() {
        assertThat(LockHolders.commandName(ProcessHandle.current().pid())).hasValue("java");
    }
}
