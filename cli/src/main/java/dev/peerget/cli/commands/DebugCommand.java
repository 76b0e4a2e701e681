package dev.peerget.cli.commands;

import dev.peerget.cli.Console;
import dev.peerget.cli.ExitCode;
import dev.peerget.cli.JsonOption;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.cli.render.JsonWriter;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.install.Simulation;
import dev.peerget.engine.plan.ArchiveCheck;
import dev.peerget.engine.plan.PlanResult;
import dev.peerget.model.PackageFormat;
import dev.peerget.engine.solvertest.TestcaseReplay;
import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.Resolution;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code debug}: tools for reproducing problems, such as replaying a solver testcase. */
@Command(name = "debug", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
        description = "Tools for reproducing problems away from the machine they happened on.",
        subcommands = {DebugCommand.Solve.class, DebugCommand.Distcheck.class})
public final class DebugCommand implements Runnable {
    @ParentCommand
    PeergetCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(parent.invocation().console().out());
    }

    /** {@code debug solve FILE.t}: the plan peerget's resolver makes for a libsolv testcase. */
    @Command(name = "solve", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
            description = "Resolve a libsolv testcase (as written by --debug-solver, dnf --debugsolver or by hand; "
                    + "see testsolv(1)) with peerget's resolver and print the plan like install -s. Needs no "
                    + "root, metadata or installed database.")
    public static final class Solve implements Callable<Integer> {
        @ParentCommand
        DebugCommand debug;

        @Parameters(index = "0", paramLabel = "FILE.t", description = "The testcase script (testcase.t).")
        Path script;

        @Mixin
        JsonOption json;

        @Override
        public Integer call() {
            Console console = debug.parent.invocation().console();
            PlanResult result = new TestcaseReplay().replay(script);
            // No root and no dpkg database to order against: the plan's own order, as before; and no native
            // architecture of this machine's to name packages by (the testcase's system may be another).
            Integer failed = PlanningCommand.render(console, result, json.enabled(),
                    r -> Simulation.inPlanOrder(((Resolution.Solved) r.resolution()).plan(), r.purge(),
                            Candidate::source), null);
            return failed != null ? failed : ExitCode.OK.code();
        }
    }

    /** {@code debug distcheck}: which packages of the stored repositories cannot be installed at all. */
    @Command(name = "distcheck", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
            description = "Check every package of the stored repositories for installability in an empty system "
                    + "(like dose-distcheck) and list those that cannot be installed. Exit code 1 when some cannot.")
    public static final class Distcheck implements Callable<Integer> {
        @ParentCommand
        DebugCommand debug;

        @Option(names = "--format", paramLabel = "deb|rpm", description = "Which packages to check (default: deb "
                + "when apt sources are stored, else rpm).")
        String format;

        @Mixin
        JsonOption json;

        @Override
        public Integer call() {
            Console console = debug.parent.invocation().console();
            try (Peerget engine = debug.parent.invocation().engine()) {
                ArchiveCheck.Result r = engine.distcheck(format == null ? null
                        : PackageFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT)));
                if (json.enabled()) {
                    JsonWriter w = new JsonWriter(console.out()).beginArray();
                    for (var c : r.broken()) {
                        w.beginObject().field("name", c.name()).field("version", c.record().version())
                                .field("arch", c.record().arch()).field("source", c.source()).endObject();
                    }
                    w.endArray();
                } else {
                    r.broken().forEach(c -> console.out().println(c.name() + " " + c.record().version() + " "
                            + c.record().arch() + " (" + c.source() + ")"));
                    console.out().printf(java.util.Locale.ROOT, "total-packages: %d%nbroken-packages: %d%n",
                            r.total(), r.broken().size());
                    if (r.approximated() > 0) {
                        console.err().println("W: " + r.approximated() + " rich dependencies could not be checked "
                                + "exactly and were taken as satisfiable");
                    }
                }
                return r.broken().isEmpty() ? ExitCode.OK.code() : ExitCode.FAILED.code();
            }
        }
    }
}
