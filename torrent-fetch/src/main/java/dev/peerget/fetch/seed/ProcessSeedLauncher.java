package dev.peerget.fetch.seed;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link SeedDaemon} as a detached process: its own session ({@code setsid --fork}), standard input from
 * /dev/null, output appended to {@code daemon.log}, optionally under another user ({@code runAs}, e.g.
 * {@code setpriv --reuid=… --regid=… --clear-groups --}), so it survives the CLI and never holds its terminal.
 *
 * @param javaHome the Java that runs the daemon
 * @param classPath the daemon's class path (readable by the user it runs as)
 * @param runAs command prefix that switches user, empty to run as the caller
 * @param chown how {@link #prepare} hands the state directory to that user (empty: nothing to do)
 */
public record ProcessSeedLauncher(Path javaHome, String classPath, List<String> runAs, List<String> chown)
        implements SeedLauncher {
    public ProcessSeedLauncher {
        Objects.requireNonNull(javaHome, "javaHome");
        Objects.requireNonNull(classPath, "classPath");
        runAs = List.copyOf(runAs);
        chown = List.copyOf(chown);
    }

    /** Runs as the caller, with this JVM's Java and class path. */
    public static ProcessSeedLauncher sameUser() {
        return new ProcessSeedLauncher(Path.of(System.getProperty("java.home")),
                System.getProperty("java.class.path"), List.of(), List.of());
    }

    @Override
    public void prepare(Path stateDir) throws IOException {
        if (chown.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(chown);
        command.add(stateDir.toString());
        run(command);
    }

    /**
     * {@code setsid --fork}: setsid forks the daemon and exits at once, so the daemon is not this JVM's child. As a
     * child it kept a thread of this JVM in {@code waitpid}, native code, and a JVM that exits while a thread is in
     * native code waits 300 ms for it: every install that started a daemon ended 0.3 s late
     * (docs/install-benchmarks.md). The daemon ends up a child of init either way once this process exits.
     */
    @Override
    public void launch(Path stateDir) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.add("--fork");
        command.addAll(runAs);
        command.addAll(List.of(javaHome.resolve("bin/java").toString(), "-Xmx48m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", classPath, SeedDaemon.class.getName(), stateDir.toString()));
        Path log = stateDir.resolve(SeedControl.LOG);
        Process setsid = new ProcessBuilder(command)
                .directory(stateDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
        try {
            if (!setsid.waitFor(10, TimeUnit.SECONDS)) {
                setsid.destroyForcibly();
                throw new IOException("setsid --fork did not return within 10 s");
            }
            if (setsid.exitValue() != 0) {
                throw new IOException("setsid --fork failed with exit code " + setsid.exitValue() + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the seeding process", e);
        }
        if (!chown.isEmpty() && Files.exists(log)) {
            List<String> own = new ArrayList<>(chown);
            own.add(log.toString());
            run(own);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
