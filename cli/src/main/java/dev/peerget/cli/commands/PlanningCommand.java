package dev.peerget.cli.commands;

import dev.peerget.cli.Console;
import dev.peerget.cli.ExitCode;
import dev.peerget.cli.Invocation;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.cli.PlanOptions;
import dev.peerget.cli.render.BrokenText;
import dev.peerget.cli.render.TransactionPrinter;
import dev.peerget.cli.render.JsonWriter;
import dev.peerget.cli.render.NoticeText;
import dev.peerget.cli.render.PlanJson;
import dev.peerget.cli.render.PlanText;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.install.Simulation;
import dev.peerget.engine.install.TransactionWorkflow;
import dev.peerget.engine.plan.PlanRequest;
import dev.peerget.engine.plan.PlanResult;
import dev.peerget.engine.plan.UnmetDependenciesException;
import dev.peerget.model.PackageFormat;
import dev.peerget.resolver.Resolution;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What install, remove, upgrade and their kin share: options → {@link PlanRequest} → one engine call →
 * rendering. Subclasses only declare their name, arguments and operation.
 */
abstract class PlanningCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlanOptions options;

    /** This run, from the top command (planning commands also sit below other commands, as history undo). */
    Invocation invocation() {
        return ((PeergetCommand) spec.root().userObject()).invocation();
    }

    abstract PlanRequest.Operation operation();

    abstract List<String> specs();

    /** Whether an install reinstalls what it names that is installed ({@code install --reinstall}). */
    boolean reinstall() {
        return false;
    }

    /** Whether removals purge configuration files too ({@code --purge}); purge itself always does. */
    boolean purge() {
        return false;
    }

    /** The package arguments; commands whose arguments come from the engine (history undo) override this. */
    List<String> specs(Peerget engine) {
        return specs();
    }

    /**
     * Packages ({@code name:arch}) among the arguments to mark automatic rather than manual (history undo, after
     * {@link #specs(Peerget)}); none by default.
     */
    java.util.Set<String> markAutomatic() {
        return java.util.Set.of();
    }

    /**
     * As dnf does before it resolves: the yum repositories whose metadata is older than their
     * {@code metadata_expire} are updated first (apt has no such rule: Debian repositories never are), unless
     * cacheonly (-C) is on. Their failure leaves the old metadata in use, with a warning; a user who may not
     * update is told to.
     */
    private void refreshExpired(Peerget engine, Console console) {
        if (options.refresh) {
            // dnf --refresh: every repository's metadata counts as expired (under -C the update refuses).
            refresh(engine, console, "Refreshing the metadata of every repository (--refresh)");
            return;
        }
        if (engine.context().settings().flag(dev.peerget.engine.config.Setting.CACHEONLY)) {
            return; // dnf -C: the stored metadata, however old
        }
        List<String> expired = engine.expiredRepositories();
        if (expired.isEmpty()) {
            return;
        }
        String names = String.join(", ", expired);
        if (!engine.mayUpdate()) {
            console.err().println("W: the metadata of " + names + " is older than metadata_expire allows");
            console.err().println("hint: run 'peerget update' as root to refresh it");
            return;
        }
        refresh(engine, console, "Metadata of " + names + " expired (metadata_expire); refreshing");
    }

    /** Updates every repository before the plan; a repository that fails keeps its metadata, with a warning. */
    private void refresh(Peerget engine, Console console, String announcement) {
        java.io.PrintWriter out = options.json ? console.err() : console.out();
        out.println(announcement);
        var report = engine.update(new dev.peerget.cli.render.UpdateProgressPrinter(out, console.err()));
        for (var o : report.outcomes()) {
            if (o.error() != null) {
                console.err().println("W: " + o.error().getMessage());
                console.err().println("W: using the metadata stored before");
            }
        }
        out.flush();
    }

    @Override
    public Integer call() {
        // apt-get: quiet level 2 implies -y; a JSON plan is the command's result, not a report.
        if (invocation().quiet() >= 2) {
            options.assumeYes = true;
        }
        Console console = options.json || options.simulate ? invocation().console() : invocation().reportConsole();
        try (Peerget engine = invocation().engine()) {
            // The specs first: a command whose arguments come from the engine may set options (history undo).
            List<String> specs = specs(engine);
            refreshExpired(engine, console);
            try (TransactionWorkflow transactions = engine.transactions()) {
                if (mayFetch()) {
                    // The torrent engine starts while the plan is made: the fetch then finds it listening.
                    transactions.warmUpEngine();
                }
                return planAndCarryOut(engine, transactions, specs, console);
            }
        }
    }

    /** Whether this run may fetch packages: a real install, upgrade or reinstall. */
    private boolean mayFetch() {
        PlanRequest.Operation op = operation();
        return !options.simulate && !options.assumeNo && (op == PlanRequest.Operation.INSTALL
                || op == PlanRequest.Operation.REINSTALL || op == PlanRequest.Operation.UPGRADE
                || op == PlanRequest.Operation.DIST_UPGRADE);
    }

    private Integer planAndCarryOut(Peerget engine, TransactionWorkflow transactions, List<String> specs,
                                    Console console) {
        boolean weak = options.recommends || (!options.noRecommends && engine.installWeakByDefault());
        String nativeArch = invocation().context().architectures().nativeDeb();
        PlanResult result;
        try {
            result = engine.plan(new PlanRequest(operation(), specs, weak, options.allowDowngrades,
                    options.debugSolver, options.targetRelease, purge(), markAutomatic(), reinstall(),
                    options.fixBroken));
        } catch (UnmetDependenciesException e) {
            // apt-get lists them on standard output before its error; the error itself is the handler's.
            BrokenText.print(options.json ? console.err() : console.out(), e.unmet(), nativeArch);
            console.out().flush();
            throw e;
        }
        if (options.simulate && !options.json && invocation().quiet() >= 2 && result.resolution() instanceof
                Resolution.Solved) {
            // apt-get -qq -s: the Inst/Conf lines alone.
            PlanText.simulation(console.out(), engine.simulate(result),
                    result.format() == PackageFormat.DEB ? nativeArch : null);
            return ExitCode.OK.code();
        }
        Integer failed = render(console, result, options.json, options.simulate ? engine::simulate : null,
                nativeArch);
        // The plan shows before anything is fetched (with -y nothing else flushes it until the first file).
        console.out().flush();
        if (failed != null) {
            return failed;
        }
        Resolution.Solved solved = (Resolution.Solved) result.resolution();
        if (!result.heldChanged().isEmpty() && options.assumeYes && !options.allowChangeHeld) {
            // apt-get: changing a held package needs a confirmation, or the explicit option under -y.
            console.err().println("E: Held packages were changed and -y was used without "
                    + "--allow-change-held-packages.");
            console.err().println("hint: add --allow-change-held-packages, or answer the question without -y");
            return ExitCode.FAILED.code();
        }
        if (options.simulate || solved.plan().isEmpty()) {
            if (!options.simulate && !options.assumeNo && !options.downloadOnly) {
                transactions.markRequestedManual(result);
            }
            return ExitCode.OK.code();
        }
        if (options.assumeNo) { // apt-get and dnf answer no, say so and exit 1
            (options.json ? console.err() : console.out()).println("Do you want to continue? [Y/n] N\nAbort.");
            return ExitCode.FAILED.code();
        }
        if (!options.assumeYes) { // apt asks before a download-only run too
            String answer = console.ask("Do you want to continue? [Y/n] ");
            if (answer == null) {
                console.err().println("E: not " + (options.downloadOnly ? "fetching the packages" : "changing the "
                        + "system") + " without a confirmation, and there is no terminal to ask on");
                console.err().println("hint: add -y (--yes) to go ahead in scripts, or -s to only see the plan");
                return ExitCode.FAILED.code();
            }
            String a = answer.strip().toLowerCase(java.util.Locale.ROOT);
            if (!a.isEmpty() && !a.equals("y") && !a.equals("yes")) {
                console.out().println("Abort.");
                return ExitCode.FAILED.code();
            }
        }
        if (options.downloadOnly) {
            transactions.execute(result, commandLine(), true, printer(console));
            (options.json ? console.err() : console.out()).println("Download complete and in download only mode");
            return ExitCode.OK.code();
        }
        var outcome = transactions.execute(result, commandLine(), false, printer(console));
        if (outcome.result() != null && !outcome.result().ok()) {
            return ExitCode.PACKAGE_TOOL.code();
        }
        return ExitCode.OK.code();
    }

    /** With --json, standard output holds the JSON alone: progress and dpkg's output go to standard error. */
    private TransactionPrinter printer(Console console) {
        return new TransactionPrinter(options.json ? console.err() : console.out(), console.err(),
                console.isTerminal() && !options.json, invocation().debug());
    }

    /** What the history records as the command: peerget and this command's arguments. */
    private String commandLine() {
        return "peerget " + String.join(" ", invocation().arguments());
    }

    /**
     * Prints a plan like apt-get (or JSON), or why there is none; returns the exit code when there is no plan,
     * null when there is one. {@code simulation} (null: none) gives -s's lines for a solved plan printed as text.
     * {@code nativeArch}: dpkg's architecture, whose packages a Debian plan names without {@code :arch}; null to
     * name every package without it.
     */
    static Integer render(Console console, PlanResult result, boolean json,
            Function<PlanResult, Simulation> simulation, String nativeArch) {
        if (json) {
            PlanJson.write(new JsonWriter(console.out()), result);
        }
        // Above the plan, as apt-get prints them while it reads the arguments; with --json on standard error.
        NoticeText.print(json ? console.err() : console.out(), result, console.width());
        Resolution resolution = result.resolution();
        if (resolution instanceof Resolution.Unsatisfiable u) {
            if (!json) {
                PlanText.problems(console.err(), u.problems());
            }
            return ExitCode.UNSATISFIABLE.code();
        }
        if (resolution instanceof Resolution.TimedOut t) {
            console.err().println("E: the dependency solver gave up after " + t.after().toSeconds() + " s");
            console.err().println("hint: raise solver_timeout in peerget.conf, or ask for fewer packages at once");
            return ExitCode.FAILED.code();
        }
        if (!json) {
            PlanText.plan(console.out(), result, ((Resolution.Solved) resolution).plan(), console.width(),
                    simulation == null ? null : simulation.apply(result),
                    result.format() == PackageFormat.DEB ? nativeArch : null);
        }
        return null;
    }
}
