package dev.peerget.installer.rpm;

import dev.peerget.installer.Action;
import dev.peerget.installer.Change;
import dev.peerget.installer.InstallListener;
import dev.peerget.installer.Installer;
import dev.peerget.installer.InstallerException;
import dev.peerget.installer.InstallerOptions;
import dev.peerget.installer.Interruption;
import dev.peerget.installer.PackageToolException;
import dev.peerget.installer.RecoveryNeededException;
import dev.peerget.installer.RootLock;
import dev.peerget.installer.Step;
import dev.peerget.installer.ToolRun;
import dev.peerget.installer.Transaction;
import dev.peerget.installer.TransactionResult;
import dev.peerget.installer.internal.InstallerChecks;
import dev.peerget.installer.internal.InterruptedRuns;
import dev.peerget.installer.internal.SignalDeferral;
import dev.peerget.installer.internal.ToolRunner;
import dev.peerget.installer.internal.TransactionRecorder;
import dev.peerget.model.InstalledPackage;
import dev.peerget.model.Layout;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageId;
import dev.peerget.model.PackageRecord;
import dev.peerget.repo.MetadataException;
import dev.peerget.repo.rpm.RpmDbReader;
import dev.peerget.repo.rpm.RpmRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Installs and removes RPM packages with the real rpm, in the runs {@link RpmPlan} computes, always with
 * {@code --root} and an explicit {@code --dbpath} (Debian's rpm defaults to {@code ~/.rpmdb}). rpm chroots into
 * the root for scriptlets; Lua scriptlets run inside rpm and need nothing there, shell scriptlets need the
 * root's {@code /bin/sh} (and a package providing it, which rpmbuild adds as a requirement).
 *
 * <p>Signatures are not checked again ({@code --nosignature}): the engine verified each file's digest against
 * the signed repository metadata before it got here, as dnf checks signatures before handing files to rpm.
 * Digests are still checked by rpm. On Debian, rpm warns about not being dpkg unless given
 * {@code --force-debian}, an option only Debian's rpm has; it is added when {@code rpm --help} lists it.
 */
public final class RpmInstaller implements Installer {
    private final InstallerOptions options;
    private final Layout layout;
    private final ToolRunner runner;
    private final RpmDbReader reader;
    private final RpmRules rules = new RpmRules(RpmRules.DNF_INSTALLONLY_PKGS);
    private Boolean forceDebian;

    public RpmInstaller(InstallerOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.layout = options.layout();
        this.runner = new ToolRunner(options.environment());
        this.reader = new RpmDbReader(options.rpmCommand());
    }

    @Override
    public PackageFormat format() {
        return PackageFormat.RPM;
    }

    @Override
    public Layout layout() {
        return layout;
    }

    @Override
    public RootLock lock() {
        return RootLock.acquire(layout, false);
    }

    @Override
    public void initializeDatabase(RootLock lock) {
        InstallerChecks.requireLock(lock, layout);
        if (databaseExists()) {
            return;
        }
        List<String> command = base(false);
        command.add("--initdb");
        ToolRun run = runner.run(command, Map.of(), InstallListener.NONE);
        if (!run.succeeded()) {
            throw new InstallerException("rpm --initdb failed in " + layout.root() + " (exit code " + run.exitCode()
                    + "): " + run.outputTail(), "check that " + layout.root() + " is writable");
        }
    }

    /**
     * An upgrade rpm did not finish: two versions of a package that cannot coexist are installed (the new one
     * was added, the old one not yet erased).
     */
    @Override
    public Optional<Interruption> interruption() {
        List<List<PackageRecord>> duplicates = duplicates(installed());
        if (duplicates.isEmpty()) {
            return Optional.empty();
        }
        List<String> labels = duplicates.stream().flatMap(List::stream).map(RpmInstaller::label).toList();
        return Optional.of(new Interruption("rpm was interrupted during an upgrade in " + layout.root()
                + ": several versions of one package are installed: " + String.join(", ", labels), labels,
                "run peerget recover: it erases the older versions as the upgrade would have"));
    }

    /** rpm's duplicates block every transaction: {@code rpm -U} of anything else would fail on them. */
    @Override
    public Optional<Interruption> interruptionBlocking(Collection<PackageId> packages) {
        return interruption();
    }

    @Override
    public TransactionResult execute(RootLock lock, Transaction transaction, InstallListener listener) {
        InstallerChecks.requireLock(lock, layout);
        InstallerChecks.requireFormat(transaction, PackageFormat.RPM);
        requireDatabase();
        Optional<Interruption> interruption = interruption();
        if (interruption.isPresent()) {
            throw new RecoveryNeededException(interruption.get());
        }
        InstallerChecks.requireFiles(transaction);
        List<PackageRecord> before = installed();
        List<RpmPlan.Phase> phases = RpmPlan.plan(transaction.steps(), before, rules);
        List<Step> steps = transaction.steps();
        Map<Step, Integer> indexOf = new IdentityHashMap<>();
        List<Change> planned = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            indexOf.put(steps.get(i), i);
            planned.add(plannedChange(steps.get(i), before, transaction));
        }
        try (TransactionRecorder recorder = TransactionRecorder.begin(layout, options.clock(), options.requester(),
                transaction.commandLine(), PackageFormat.RPM, planned);
                SignalDeferral signals = SignalDeferral.begin()) {
            ToolRun failed = null;
            ToolRun last = null;
            boolean interrupted = false;
            for (RpmPlan.Phase phase : phases) {
                last = recorder.run(runner, command(phase), Map.of(), listener,
                        phase.steps().stream().map(indexOf::get).toList());
                if (signals.received().isPresent()) {
                    break; // no further rpm run once the user asked to stop, whatever this one did
                }
                if (!last.succeeded()) {
                    failed = last;
                    break;
                }
                if (Thread.currentThread().isInterrupted()) {
                    interrupted = true;
                    break;
                }
            }
            List<PackageRecord> after = installed();
            List<Change.Result> results = steps.stream()
                    .map(s -> isDone(s, after) ? Change.Result.OK : Change.Result.FAILED).toList();
            TransactionResult result = recorder.finish(results, signals.received().isPresent());
            if (signals.received().isPresent()) {
                throw InterruptedRuns.report("rpm", signals, last, phases.size(), result, interruption());
            }
            if (failed != null || (!interrupted && !result.ok())) {
                throw failure(failed != null ? failed : last, result);
            }
            if (interrupted) {
                throw new InstallerException("interrupted: stopped after " + result.runs().size() + " of "
                        + phases.size() + " rpm runs (transaction " + result.historyId() + ")",
                        "run the command again to finish it");
            }
            return result;
        }
    }

    /**
     * Erases the older versions an interrupted upgrade left next to the new one, with {@code rpm -e
     * NAME-VERSION.ARCH}: rpm keeps the files the new version also owns and runs the old version's
     * {@code %preun}/{@code %postun} with one instance remaining, just as the upgrade would have. The new
     * version's {@code %post} is not run again if it was interrupted; rpm has no state that records it.
     */
    @Override
    public void recordHolds(RootLock lock, List<String> packages, boolean held) {
        InstallerChecks.requireLock(lock, layout);
    }

    @Override
    public Optional<TransactionResult> recover(RootLock lock, String commandLine, InstallListener listener) {
        InstallerChecks.requireLock(lock, layout);
        requireDatabase();
        TransactionRecorder.closeAbandoned(layout);
        List<PackageRecord> older = new ArrayList<>();
        for (List<PackageRecord> group : duplicates(installed())) {
            older.addAll(group.subList(0, group.size() - 1));
        }
        if (older.isEmpty()) {
            return Optional.empty();
        }
        List<Change> planned = older.stream().map(r -> new Change(Action.REMOVE, r.name(), r.arch(), r.version(),
                null, false, Change.Result.PENDING, null)).toList();
        try (TransactionRecorder recorder = TransactionRecorder.begin(layout, options.clock(), options.requester(),
                commandLine, PackageFormat.RPM, planned);
                SignalDeferral signals = SignalDeferral.begin()) {
            List<String> command = base(true);
            command.add("-e");
            older.forEach(r -> command.add(label(r)));
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < older.size(); i++) {
                all.add(i);
            }
            ToolRun run = recorder.run(runner, command, Map.of(), listener, all);
            List<PackageRecord> after = installed();
            List<Change.Result> results = older.stream()
                    .map(r -> after.stream().anyMatch(a -> a.id().equals(r.id()))
                            ? Change.Result.FAILED : Change.Result.OK).toList();
            TransactionResult result = recorder.finish(results, signals.received().isPresent());
            if (signals.received().isPresent()) {
                throw InterruptedRuns.report("rpm", signals, run, 1, result, interruption());
            }
            if (!result.ok()) {
                throw failure(run, result);
            }
            return Optional.of(result);
        }
    }

    /** Groups of one name and architecture with several versions that may not coexist, oldest first. */
    private List<List<PackageRecord>> duplicates(List<PackageRecord> installed) {
        Map<String, List<PackageRecord>> byName = new LinkedHashMap<>();
        for (PackageRecord r : installed) {
            byName.computeIfAbsent(r.name() + "." + r.arch(), k -> new ArrayList<>()).add(r);
        }
        List<List<PackageRecord>> out = new ArrayList<>();
        for (List<PackageRecord> group : byName.values()) {
            if (group.size() > 1 && !rules.mayCoexist(group.get(0), group.get(1))) {
                List<PackageRecord> sorted = new ArrayList<>(group);
                sorted.sort((a, b) -> rules.versionScheme().compare(a.version(), b.version()));
                out.add(sorted);
            }
        }
        return out;
    }

    private static Change plannedChange(Step step, List<PackageRecord> before, Transaction transaction) {
        List<PackageRecord> same = before.stream()
                .filter(r -> r.name().equals(step.name()) && r.arch().equals(step.arch())).toList();
        Change.Prior prior = same.isEmpty() ? Change.Prior.ABSENT : transaction.installedPrior(step.name(), step.arch());
        if (step instanceof Step.Install i) {
            String old = i.action() == Action.INSTALL || same.isEmpty() ? null : same.get(same.size() - 1).version();
            return new Change(i.action(), i.name(), i.arch(), old, i.record().version(), i.automatic(),
                    Change.Result.PENDING, null, old == null ? Change.Prior.ABSENT : prior);
        }
        Step.Remove r = (Step.Remove) step;
        String old = r.version() != null ? r.version() : same.isEmpty() ? null : same.get(0).version();
        return new Change(r.action(), r.name(), r.arch(), old, null, r.automatic(), Change.Result.PENDING, null, prior);
    }

    private static boolean isDone(Step step, List<PackageRecord> after) {
        if (step instanceof Step.Install i) {
            return after.stream().anyMatch(r -> r.id().equals(i.record().id()));
        }
        return RpmPlan.targets((Step.Remove) step, after).isEmpty();
    }

    private List<String> command(RpmPlan.Phase phase) {
        List<String> command = base(true);
        switch (phase.kind()) {
            case ERASE -> {
                command.add("-e");
                for (Step s : phase.steps()) {
                    Step.Remove r = (Step.Remove) s;
                    command.add(r.version() == null ? r.name() + "." + r.arch()
                            : r.name() + "-" + r.version() + "." + r.arch());
                }
            }
            case UPGRADE, INSTALL -> {
                command.add(phase.kind() == RpmPlan.Kind.UPGRADE ? "-U" : "-i");
                command.add("--nosignature");
                if (phase.installs().stream().anyMatch(i -> i.action() == Action.DOWNGRADE)) {
                    command.add("--oldpackage");
                }
                if (phase.installs().stream().anyMatch(i -> i.action() == Action.REINSTALL)) {
                    command.add("--replacepkgs");
                }
                phase.installs().forEach(i -> command.add(i.file().toString()));
            }
        }
        return command;
    }

    /** {@code rpm --root R --dbpath D}, and {@code --force-debian} for the install and erase modes. */
    private List<String> base(boolean changesPackages) {
        List<String> command = new ArrayList<>(List.of(options.rpmCommand(), "--root", layout.root().toString(),
                "--dbpath", dbPathInRoot()));
        if (changesPackages && forceDebian()) {
            command.add("--force-debian"); // only -i/-U/-e know it; --initdb is passed on to rpmdb, which does not
        }
        return command;
    }

    /** Whether this rpm is Debian's, which knows {@code --force-debian} (its {@code --help} says so). */
    private synchronized boolean forceDebian() {
        if (forceDebian == null) {
            ProcessBuilder pb = new ProcessBuilder(options.rpmCommand(), "--help").redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            try {
                Process p = pb.start();
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                forceDebian = text.contains("--force-debian");
            } catch (IOException e) {
                throw new InstallerException("cannot run " + options.rpmCommand() + ": " + e.getMessage(),
                        "install rpm (Debian: apt-get install rpm) or configure its path", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InstallerException("interrupted while asking rpm for its options", null, e);
            }
        }
        return forceDebian;
    }

    private String dbPathInRoot() {
        return "/" + layout.root().relativize(layout.rpmDbPath());
    }

    private boolean databaseExists() {
        Path db = layout.rpmDbPath();
        if (!Files.isDirectory(db)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(db)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + db, e);
        }
    }

    private void requireDatabase() {
        if (!databaseExists()) {
            throw new InstallerException("no rpm database in " + layout.rpmDbPath(),
                    "check the root (" + layout.root() + "); to start an empty root, initialise its database first");
        }
    }

    private List<PackageRecord> installed() {
        try {
            return reader.read(layout.root(), Path.of(dbPathInRoot())).stream()
                    .map(InstalledPackage::record).toList();
        } catch (MetadataException e) {
            throw new InstallerException("cannot read the rpm database of " + layout.root() + ": " + e.getMessage(),
                    "run rpm --root " + layout.root() + " --dbpath " + dbPathInRoot() + " --rebuilddb", e);
        }
    }

    private static String label(PackageRecord r) {
        return r.name() + "-" + r.version() + "." + r.arch();
    }

    private PackageToolException failure(ToolRun run, TransactionResult result) {
        String how = run.exitCode() > 128 ? "was killed by signal " + (run.exitCode() - 128)
                : run.exitCode() == 0 ? "ended without error" : "failed with exit code " + run.exitCode();
        String mode = run.command().stream().filter(a -> a.equals("-U") || a.equals("-i") || a.equals("-e"))
                .findFirst().orElse("");
        String notDone = result.changes().stream().filter(c -> c.result() != Change.Result.OK)
                .map(c -> c.name() + "." + c.arch() + " (" + c.action().name().toLowerCase(Locale.ROOT) + ")")
                .collect(Collectors.joining(", "));
        Optional<Interruption> left = interruption();
        String hint = left.isPresent()
                ? "run peerget recover to finish the interrupted upgrade: " + String.join(", ", left.get().packages())
                : "fix the cause shown in rpm's output and run the command again";
        return new PackageToolException("rpm " + mode + " " + how + " in " + layout.root() + " (transaction "
                + result.historyId() + ")" + (notDone.isEmpty() ? "" : "; not done: " + notDone), hint, run, result);
    }
}
