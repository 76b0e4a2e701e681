package dev.peerget.cli.commands;

import dev.peerget.cli.Console;
import dev.peerget.cli.ExitCode;
import dev.peerget.cli.JsonOption;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.engine.plan.PlanResult;
import dev.peerget.engine.solvertest.TestcaseReplay;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code debug}: tools for reproducing problems, such as replaying a solver testcase. */
@Command(name = "debug", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
        description = "Tools for reproducing problems away from the machine they happened on.",
        subcommands = DebugCommand.Solve.class)
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
            Integer failed = PlanningCommand.render(console, result, json.enabled(), true);
            return failed != null ? failed : ExitCode.OK.code();
        }
    }
}
