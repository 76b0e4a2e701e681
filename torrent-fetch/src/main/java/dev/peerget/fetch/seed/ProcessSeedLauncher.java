package dev.peerget.fetch.seed;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link SeedDaemon} as a detached process: its own session ({@code setsid --fork}), standard input from
 * /dev/null, early output appended to a log the caller owns, optionally as another user ({@code runAs}, e.g.
 * {@code setpriv --reuid=… --regid=… --clear-groups --}), so it survives the CLI and never holds its terminal.
 *
 * @param javaHome the Java that runs the daemon
 * @param classPath the daemon's class path (readable by the user it runs as)
 * @param runAs command prefix that switches user, empty to run as the caller
 * @param user the user (and group of the same name) the daemon runs as, null for the caller
 */
public record ProcessSeedLauncher(Path javaHome, String classPath, List<String> runAs, String user)
        implements SeedLauncher {
    public ProcessSeedLauncher {
        Objects.requireNonNull(javaHome, "javaHome");
        Objects.requireNonNull(classPath, "classPath");
        runAs = List.copyOf(runAs);
    }

    /** Runs as the caller, with this JVM's Java and class path. */
    public static ProcessSeedLauncher sameUser() {
        return new ProcessSeedLauncher(Path.of(System.getProperty("java.home")),
                System.getProperty("java.class.path"), List.of(), null);
    }

    @Override
    public void prepare(Path runDir) throws IOException {
        if (!Files.exists(runDir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(runDir);
        }
        PosixFileAttributes attrs = Files.readAttributes(runDir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isDirectory()) {
            throw new IOException(runDir + " is not a directory; remove it (peerget recreates it)");
        }
        if (user == null) {
            return;
        }
        var users = runDir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = users.lookupPrincipalByName(user);
        GroupPrincipal group = users.lookupPrincipalByGroupName(user);
        if (!attrs.owner().equals(owner)) {
            // lchown of the directory alone: whatever is inside already belongs to that user.
            PosixFileAttributeView view = Files.getFileAttributeView(runDir, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            view.setOwner(owner);
            view.setGroup(group);
        }
    }

    /**
     * {@code setsid --fork}: setsid forks the daemon and exits at once, so the daemon is not this JVM's child. As a
     * child it kept a thread of this JVM in {@code waitpid}, native code, and a JVM that exits while a thread is in
     * native code waits 300 ms for it: every install that started a daemon ended 0.3 s late.
     */
    @Override
    public void launch(Path runDir, SeedPolicy policy, Path launchLog) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.add("--fork");
        command.addAll(runAs);
        command.addAll(List.of(javaHome.resolve("bin/java").toString(), "-Xmx48m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", classPath, SeedDaemon.class.getName(), runDir.toString()));
        command.addAll(policy.arguments());
        Process setsid = new ProcessBuilder(command)
                .directory(runDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(launchLog.toFile()))
                .redirectErrorStream(true)
                .start();
        try {
            if (!setsid.waitFor(10, TimeUnit.SECONDS)) {
                setsid.destroyForcibly();
                throw new IOException("setsid --fork did not return within 10 s");
            }
            if (setsid.exitValue() != 0) {
                throw new IOException("setsid --fork failed with exit code " + setsid.exitValue() + "; see "
                        + launchLog);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the seeding process", e);
        }
    }
}
