package dev.peerget.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.peerget.model.Layout;
import dev.peerget.testing.Corpus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootLockTest {
    @TempDir
    Path tmp;

    /** Starts {@link LockHolderMain} in a new JVM and waits until it holds its lock. */
    private Process holder(Layout layout, String mode) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), layout.root().toString(), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("lock holder started").isEqualTo("locked");
        return p;
    }

    private static void release(Process p) throws Exception {
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private Layout debianRoot() throws Exception {
        Layout layout = new Layout(tmp.resolve("root"));
        Files.createDirectories(layout.dpkgAdminDir());
        return layout;
    }

    @Test
    void aLockHeldByAnotherProcessNamesThatProcess() throws Exception {
        Layout layout = debianRoot();
        Process other = holder(layout, "root");
        try {
            assertThat(Files.readString(layout.lockFile()).strip()).isEqualTo(Long.toString(other.pid()));

            LockedException e = catchThrowableOfType(LockedException.class, () -> RootLock.acquire(layout, true));

            assertThat(e.getMessage()).isEqualTo("Could not get lock " + layout.lockFile()
                    + ". It is held by process " + other.pid() + " (java)");
            assertThat(e.holderPid()).hasValue(other.pid());
            assertThat(e.lockFile()).isEqualTo(layout.lockFile());
            assertThat(e.hint()).isPresent();
        } finally {
            release(other);
        }
        try (RootLock lock = RootLock.acquire(layout, true)) {
            assertThat(lock.isHeld()).isTrue();
            assertThat(Files.readString(layout.lockFile()).strip()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
    }

    @Test
    void dpkgsFrontendLockHeldElsewhereIsReportedAndOurOwnLockIsLetGo() throws Exception {
        Layout layout = debianRoot();
        Process apt = holder(layout, "frontend");
        try {
            LockedException e = catchThrowableOfType(LockedException.class, () -> RootLock.acquire(layout, true));

            Path frontend = layout.dpkgAdminDir().resolve("lock-frontend");
            assertThat(e.getMessage()).isEqualTo("Could not get lock " + frontend + ". It is held by process "
                    + apt.pid() + " (java)");
            try (RootLock rpmStyle = RootLock.acquire(layout, false)) {
                assertThat(rpmStyle.isHeld()).as("peerget's own lock was released again").isTrue();
                assertThat(rpmStyle.holdsDpkgFrontend()).isFalse();
            }
        } finally {
            release(apt);
        }
    }

    @Test
    void theSameProcessCannotLockARootTwice() {
        Layout layout = new Layout(tmp.resolve("root"));
        try (RootLock first = RootLock.acquire(layout, false)) {
            LockedException e = catchThrowableOfType(LockedException.class, () -> RootLock.acquire(layout, false));
            assertThat(e.holderPid()).hasValue(ProcessHandle.current().pid());
            assertThat(first.isHeld()).isTrue();
        }
    }

    @Test
    void closingErasesThePidAndFreesTheLock() throws Exception {
        Layout layout = new Layout(tmp.resolve("root"));
        RootLock lock = RootLock.acquire(layout, false);
        lock.close();
        lock.close();
        assertThat(lock.isHeld()).isFalse();
        assertThat(Files.readString(layout.lockFile())).isEmpty();
        try (RootLock again = RootLock.acquire(layout, false)) {
            assertThat(again.isHeld()).isTrue();
        }
    }

    @Test
    void dpkgItselfHonoursOurFrontendLockUnlessToldWeHoldIt() throws Exception {
        Corpus.requireCommand("dpkg");
        Layout layout = debianRoot();
        Files.createFile(layout.dpkgStatusFile());
        List<String> configure = List.of("dpkg", "--root=" + layout.root(), "--configure", "-a");
        try (RootLock lock = RootLock.acquire(layout, true)) {
            assertThat(lock.holdsDpkgFrontend()).isTrue();
            Process refused = new ProcessBuilder(configure).redirectErrorStream(true).start();
            String output = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(refused.waitFor()).isEqualTo(2);
            assertThat(output).contains("dpkg frontend lock was locked by another process with pid "
                    + ProcessHandle.current().pid());

            ProcessBuilder allowed = new ProcessBuilder(configure).redirectErrorStream(true);
            allowed.environment().put("DPKG_FRONTEND_LOCKED", "1");
            Process ok = allowed.start();
            ok.getInputStream().readAllBytes();
            assertThat(ok.waitFor()).isZero();
        }
    }
}
