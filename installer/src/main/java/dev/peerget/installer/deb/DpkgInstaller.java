package dev.peerget.installer.deb;

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
import dev.peerget.installer.ScriptMode;
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
import dev.peerget.repo.deb.DebianRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Installs and removes Debian packages with the real dpkg, in the runs {@link DpkgOrdering} computes.
 *
 * <p>Every run names the root explicitly: {@code --root} (when it is not {@code /}, so that dpkg installs
 * there and chroots into it for maintainer scripts), {@code --admindir} and {@code --log} (without it dpkg
 * writes to the host's {@code /var/log/dpkg.log} even with {@code --root}). Conffile questions are answered as
 * an unattended upgrade would ({@code --force-confdef --force-confold}: keep the admin's changes), because
 * standard input is not a terminal. dpkg runs with {@code DPKG_FRONTEND_LOCKED=1} while the {@link RootLock}
 * holds the frontend lock.
 *
 * <p>Whether a change is done is read back from dpkg's database after the runs, not inferred from exit codes.
 */
public final class DpkgInstaller implements Installer {
    /** The state of a removed package whose configuration files are still there. */
    private static final String CONFIG_FILES = "config-files";

    private final InstallerOptions options;
    private final Layout layout;
    private final ToolRunner runner;
    private final DpkgDatabase database;
    private final DpkgInterruptions interruptions;
    private DebianRules rules;

    public DpkgInstaller(InstallerOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.layout = options.layout();
        this.runner = new ToolRunner(options.environment());
        this.database = new DpkgDatabase(layout.dpkgAdminDir());
        this.interruptions = new DpkgInterruptions(layout, database);
    }

    @Override
    public PackageFormat format() {
        return PackageFormat.DEB;
    }

    @Override
    public Layout layout() {
        return layout;
    }

    @Override
    public RootLock lock() {
        return RootLock.acquire(layout, true);
    }

    @Override
    public void initializeDatabase(RootLock lock) {
        InstallerChecks.requireLock(lock, layout);
        if (database.exists()) {
            return;
        }
        Path admin = layout.dpkgAdminDir();
        try {
            Files.createDirectories(admin.resolve("info"));
            Files.createDirectories(admin.resolve("updates"));
            Files.createDirectories(logFile().getParent());
            for (String f : List.of("status", "available")) {
                if (!Files.exists(admin.resolve(f))) {
                    Files.createFile(admin.resolve(f));
                }
            }
        } catch (IOException e) {
            throw new InstallerException("cannot create a dpkg database in " + admin + ": " + e.getMessage(),
                    "check that " + layout.root() + " is writable", e);
        }
    }

    @Override
    public Optional<Interruption> interruption() {
        if (!database.exists()) {
            return Optional.empty();
        }
        return interruptions.interruption(database.read(), !database.journal().isEmpty());
    }

    @Override
    public TransactionResult execute(RootLock lock, Transaction transaction, InstallListener listener) {
        InstallerChecks.requireLock(lock, layout);
        InstallerChecks.requireFormat(transaction, PackageFormat.DEB);
        requireDatabase();
        Map<String, InstalledPackage> before = database.read();
        refuseWhenInterrupted(transaction, before);
        InstallerChecks.requireFiles(transaction);
        List<DpkgOrdering.Batch> batches = order(transaction.steps(), before);
        List<Step> steps = transaction.steps();
        Map<Step, Integer> indexOf = new IdentityHashMap<>();
        List<Change> planned = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            indexOf.put(steps.get(i), i);
            planned.add(plannedChange(steps.get(i), before, transaction));
        }
        // With dpkg-deb configured, the package files' data is decompressed ahead of dpkg, several files at once.
        DebDecompressor decompressor = options.dpkgDeb() == null ? null
                : new DebDecompressor(options.dpkgDeb(), Runtime.getRuntime().availableProcessors());
        if (decompressor != null) {
            batches = DebDecompressor.pipelined(batches);
        }
        try (DebDecompressor.Decompressed files = decompressor == null ? DebDecompressor.none()
                : decompressor.decompressRuns(batches, layout.stateDir().resolve("unpack"));
                TransactionRecorder recorder = TransactionRecorder.begin(layout, options.clock(), options.requester(),
                transaction.commandLine(), PackageFormat.DEB, planned);
                SignalDeferral signals = SignalDeferral.begin()) {
            ToolRun failed = null;
            ToolRun last = null;
            boolean interrupted = false;
            for (DpkgOrdering.Batch batch : batches) {
                last = recorder.run(runner, command(batch, files), environment(lock), listener,
                        batch.steps().stream().map(indexOf::get).toList());
                if (signals.received().isPresent()) {
                    break; // no further dpkg run once the user asked to stop, whatever this one did
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
            Map<String, InstalledPackage> after = database.read();
            List<Change.Result> results = steps.stream()
                    .map(s -> isDone(s, after) ? Change.Result.OK : Change.Result.FAILED).toList();
            TransactionResult result = recorder.finish(results, signals.received().isPresent());
            if (signals.received().isPresent()) {
                throw InterruptedRuns.report("dpkg", signals, last, batches.size(), result, interruption());
            }
            if (failed != null || (!interrupted && !result.ok())) {
                throw failure(failed != null ? failed : last, result);
            }
            if (interrupted) {
                throw new InstallerException("interrupted: stopped after " + result.runs().size() + " of "
                        + batches.size() + " dpkg runs (transaction " + result.historyId() + ")",
                        "run the command again to finish it");
            }
            return result;
        }
    }

    /**
     * The dpkg runs {@link #execute} would make for {@code steps} against the package database as it is now, in
     * order, without running dpkg or taking a lock: what {@code apt-get -s} shows. No database: nothing installed.
     *
     * @throws InstallerException when a Pre-Depends cannot be configured before its package is unpacked, as
     *                            execute would refuse
     */
    public List<DpkgOrdering.Batch> order(List<Step> steps) {
        return order(steps, database.exists() ? database.read() : Map.of());
    }

    private List<DpkgOrdering.Batch> order(List<Step> steps, Map<String, InstalledPackage> installed) {
        List<PackageRecord> present = installed.values().stream()
                .filter(p -> !p.state().equals(CONFIG_FILES)).map(InstalledPackage::record).toList();
        return DpkgOrdering.order(steps, present, rules());
    }

    /** {@code dpkg --set-selections}, the list on standard input: {@code name:arch hold} or {@code install}. */
    @Override
    public void recordHolds(RootLock lock, List<String> packages, boolean held) {
        InstallerChecks.requireLock(lock, layout);
        requireDatabase();
        if (packages.isEmpty()) {
            return;
        }
        String want = held ? "hold" : "install";
        Path list = null;
        try {
            Files.createDirectories(layout.stateDir());
            list = Files.createTempFile(layout.stateDir(), "selections", ".txt");
            Files.writeString(list, packages.stream().map(p -> p + " " + want + "\n").collect(Collectors.joining()));
            List<String> command = new ArrayList<>(List.of(options.dpkgCommand()));
            if (!layout.root().equals(layout.root().getRoot())) {
                command.add("--root=" + layout.root());
            }
            command.addAll(List.of("--admindir=" + layout.dpkgAdminDir(), "--set-selections"));
            ToolRun run = runner.run(command, list.toFile(), environment(lock), InstallListener.NONE);
            if (!run.succeeded() || !run.outputTail().isBlank()) {
                // dpkg warns (exit 0) about a package it does not know: nothing was recorded for it.
                throw new InstallerException("dpkg --set-selections did not record the " + want + " of "
                        + String.join(", ", packages) + " in " + layout.dpkgAdminDir() + ": " + run.outputTail(),
                        "check the package names with 'dpkg --admindir=" + layout.dpkgAdminDir() + " -l'");
            }
        } catch (IOException e) {
            throw new InstallerException("cannot write the selection list under " + layout.stateDir() + ": "
                    + e.getMessage(), "check that " + layout.root() + " is writable", e);
        } finally {
            if (list != null) {
                try {
                    Files.deleteIfExists(list);
                } catch (IOException e) {
                    // A temporary file left in peerget's state directory harms nothing.
                }
            }
        }
    }

    @Override
    public Optional<TransactionResult> recover(RootLock lock, String commandLine, InstallListener listener) {
        InstallerChecks.requireLock(lock, layout);
        requireDatabase();
        TransactionRecorder.closeAbandoned(layout);
        Map<String, InstalledPackage> before = database.read();
        List<String> unfinishedKeys = before.entrySet().stream()
                .filter(e -> DpkgDatabase.UNFINISHED_STATES.contains(e.getValue().state()))
                .map(Map.Entry::getKey).toList();
        if (unfinishedKeys.isEmpty() && database.journal().isEmpty()) {
            return Optional.empty();
        }
        List<Change> planned = new ArrayList<>();
        for (String key : unfinishedKeys) {
            PackageRecord r = before.get(key).record();
            planned.add(new Change(Action.CONFIGURE, r.name(), r.arch(), r.version(), r.version(), false,
                    Change.Result.PENDING, null));
        }
        try (TransactionRecorder recorder = TransactionRecorder.begin(layout, options.clock(), options.requester(),
                commandLine, PackageFormat.DEB, planned);
                SignalDeferral signals = SignalDeferral.begin()) {
            List<String> command = base();
            command.addAll(List.of("--configure", "-a"));
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < planned.size(); i++) {
                all.add(i);
            }
            ToolRun run = recorder.run(runner, command, environment(lock), listener, all);
            Map<String, InstalledPackage> after = database.read();
            List<Change.Result> results = unfinishedKeys.stream()
                    .map(k -> after.containsKey(k) && after.get(k).state().equals("installed")
                            ? Change.Result.OK : Change.Result.FAILED).toList();
            TransactionResult result = recorder.finish(results, signals.received().isPresent());
            if (signals.received().isPresent()) {
                throw InterruptedRuns.report("dpkg", signals, run, 1, result, interruption());
            }
            if (!result.ok()) {
                throw failure(run, result);
            }
            return Optional.of(result);
        }
    }

    @Override
    public Optional<Interruption> interruptionBlocking(Collection<PackageId> packages) {
        if (!database.exists()) {
            return Optional.empty();
        }
        return interruptions.blocking(packages.stream().map(p -> DpkgOrdering.key(p.name(), p.arch()))
                .collect(Collectors.toSet()), database.read());
    }

    private void refuseWhenInterrupted(Transaction transaction, Map<String, InstalledPackage> packages) {
        interruptions.blocking(transaction.steps().stream().map(s -> DpkgOrdering.key(s.name(), s.arch()))
                .collect(Collectors.toSet()), packages).ifPresent(i -> {
                    throw new RecoveryNeededException(i);
                });
    }

    private static Change plannedChange(Step step, Map<String, InstalledPackage> before, Transaction transaction) {
        InstalledPackage old = before.get(DpkgOrdering.key(step.name(), step.arch()));
        Change.Prior prior = old == null ? Change.Prior.ABSENT : old.state().equals(CONFIG_FILES)
                ? Change.Prior.CONFIG_FILES : transaction.installedPrior(step.name(), step.arch());
        if (step instanceof Step.Install i) {
            String oldVersion = old == null || old.state().equals(CONFIG_FILES) ? null : old.record().version();
            return new Change(i.action(), i.name(), i.arch(), oldVersion, i.record().version(), i.automatic(),
                    Change.Result.PENDING, null, prior);
        }
        // A purge of a config-files remnant keeps the remnant's version: the history says whose files went.
        return new Change(step.action(), step.name(), step.arch(), old == null ? null : old.record().version(),
                null, step.automatic(), Change.Result.PENDING, null, prior);
    }

    private static boolean isDone(Step step, Map<String, InstalledPackage> after) {
        InstalledPackage now = after.get(DpkgOrdering.key(step.name(), step.arch()));
        if (step instanceof Step.Install i) {
            return now != null && now.state().equals("installed") && now.record().version().equals(i.record().version());
        }
        return now == null || (!((Step.Remove) step).purge() && now.state().equals(CONFIG_FILES));
    }

    private PackageToolException failure(ToolRun run, TransactionResult result) {
        String how = run.exitCode() > 128 ? "was killed by signal " + (run.exitCode() - 128)
                : run.exitCode() == 0 ? "ended without error" : "failed with exit code " + run.exitCode();
        String notDone = result.changes().stream().filter(c -> c.result() != Change.Result.OK)
                .map(c -> c.name() + ":" + c.arch() + " (" + c.action().name().toLowerCase(java.util.Locale.ROOT) + ")")
                .collect(Collectors.joining(", "));
        String operation = run.command().stream().filter(a -> a.startsWith("--") && DpkgCommand.OPERATIONS.contains(a))
                .findFirst().orElse("");
        Optional<Interruption> left = interruption();
        String hint = left.isPresent()
                ? "fix the cause shown in dpkg's output, then run peerget recover (dpkg --configure -a); "
                        + "unfinished: " + String.join(", ", left.get().packages())
                : "fix the cause shown in dpkg's output and run the command again";
        return new PackageToolException("dpkg " + operation + " " + how + " in " + layout.root()
                + " (transaction " + result.historyId() + ")" + (notDone.isEmpty() ? "" : "; not done: " + notDone),
                hint, run, result);
    }

    private void requireDatabase() {
        if (!database.exists()) {
            throw new InstallerException("no dpkg database in " + layout.dpkgAdminDir(),
                    "check the root (" + layout.root() + "); to start an empty root, initialise its database first");
        }
    }

    private List<String> command(DpkgOrdering.Batch batch, DebDecompressor.Decompressed files) {
        List<String> command = base();
        command.addAll(DpkgCommand.operation(batch, files::fileFor));
        return command;
    }

    /** The options of every run: the root, its database and log, script mode and conffile policy. */
    private List<String> base() {
        List<String> command = new ArrayList<>();
        command.add(options.dpkgCommand());
        boolean otherRoot = !layout.root().equals(layout.root().getRoot());
        if (otherRoot) {
            command.add("--root=" + layout.root());
        }
        command.add("--admindir=" + layout.dpkgAdminDir());
        command.add("--log=" + logFile());
        if (otherRoot && options.scriptMode() == ScriptMode.CHROOTLESS) {
            command.add("--force-script-chrootless");
        }
        command.add("--force-confdef");
        command.add("--force-confold");
        try {
            Files.createDirectories(logFile().getParent());
        } catch (IOException e) {
            throw new InstallerException("cannot create " + logFile().getParent() + ": " + e.getMessage(),
                    "check that " + layout.root() + " is writable", e);
        }
        return command;
    }

    private Path logFile() {
        return layout.resolve("/var/log/dpkg.log");
    }

    private static Map<String, String> environment(RootLock lock) {
        return lock.holdsDpkgFrontend() ? Map.of("DPKG_FRONTEND_LOCKED", "1") : Map.of();
    }

    private synchronized DebianRules rules() {
        if (rules == null) {
            String arch = options.nativeArch();
            if (arch == null) {
                ToolRun run = runner.run(List.of(options.dpkgCommand(), "--print-architecture"), Map.of(),
                        InstallListener.NONE);
                if (!run.succeeded() || run.outputTail().isBlank()) {
                    throw new InstallerException(options.dpkgCommand() + " --print-architecture failed: "
                            + run.outputTail(), "set the native architecture in peerget's configuration");
                }
                arch = run.outputTail().strip();
            }
            rules = new DebianRules(arch);
        }
        return rules;
    }
}
