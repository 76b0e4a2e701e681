package dev.peerget.installer;

import dev.peerget.model.Layout;
import dev.peerget.model.PackageFormat;
import dev.peerget.repo.LocalPackageFile;
import dev.peerget.testing.ThrowawayRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Shared steps of the tests that install fixture packages with the real dpkg and rpm into throwaway roots. */
public final class InstallerFixtures {
    private InstallerFixtures() {
    }

    /** An installer for {@code root} whose package database exists (created empty). */
    public static Installer prepared(PackageFormat format, ThrowawayRoot root, ScriptMode mode) {
        Installer installer = Installer.create(format, InstallerOptions.of(new Layout(root.path()))
                .withScriptMode(mode));
        try (RootLock lock = installer.lock()) {
            installer.initializeDatabase(lock);
        }
        return installer;
    }

    /** A step for a fixture file, its record read from the file as the engine's verifier would. */
    public static Step.Install step(Action action, Path file) {
        return new Step.Install(action, LocalPackageFile.read(file, "rpm"), file, false);
    }

    public static Step.Install dependency(Action action, Path file) {
        return new Step.Install(action, LocalPackageFile.read(file, "rpm"), file, true);
    }

    /** Takes the lock, runs one transaction, releases the lock. */
    public static TransactionResult execute(Installer installer, String commandLine, Step... steps) {
        try (RootLock lock = installer.lock()) {
            return installer.execute(lock, new Transaction(installer.format(), List.of(steps), commandLine),
                    InstallListener.NONE);
        }
    }

    /** As {@link #execute(Installer, String, Step...)}, telling the installer which packages were automatic. */
    public static TransactionResult execute(Installer installer, String commandLine, java.util.Set<String> automatic,
                                            Step... steps) {
        try (RootLock lock = installer.lock()) {
            return installer.execute(lock, new Transaction(installer.format(), List.of(steps), commandLine, automatic),
                    InstallListener.NONE);
        }
    }

    public static Optional<TransactionResult> recover(Installer installer) {
        try (RootLock lock = installer.lock()) {
            return installer.recover(lock, "peerget recover", InstallListener.NONE);
        }
    }

    /** Waits until {@code file} exists (a maintainer script announcing itself). */
    public static void awaitFile(Path file, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > end) {
                throw new AssertionError(file + " did not appear within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Kills (SIGKILL) this JVM's child process whose executable is named {@code name}, and everything it started:
     * the descendants are collected first, because once the child is dead they belong to init.
     */
    public static void killChild(String name) {
        ProcessHandle child = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().equals(name))
                        .orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no child process " + name + " is running"));
        List<ProcessHandle> tree = new ArrayList<>(child.descendants().toList());
        child.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /** The dpkg log of a root as lines. */
    public static List<String> dpkgLog(ThrowawayRoot root) throws java.io.IOException {
        return Files.readAllLines(root.resolve("/var/log/dpkg.log"));
    }

    /** Index of the first line containing {@code text}, failing when there is none. */
    public static int lineIndex(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line contains '" + text + "' in:\n" + String.join("\n", lines));
    }

    /** The operation options of each run ({@code --unpack}, {@code --configure}, {@code -U}, …) with operands. */
    public static List<String> operations(TransactionResult result) {
        return result.runs().stream().map(InstallerFixtures::operation).toList();
    }

    static String operation(ToolRun run) {
        List<String> c = run.command();
        for (int i = 0; i < c.size(); i++) {
            String a = c.get(i);
            if (List.of("--remove", "--purge", "--unpack", "--configure", "-U", "-e", "-i").contains(a)) {
                List<String> operands = c.subList(i + 1, c.size()).stream()
                        .filter(x -> !x.startsWith("-")).map(x -> x.contains("/") ? Path.of(x).getFileName().toString()
                                : x).toList();
                return (a + " " + String.join(" ", operands)).strip();
            }
        }
        return String.join(" ", c);
    }

    static Layout layout(ThrowawayRoot root) {
        return new Layout(root.path());
    }
}
