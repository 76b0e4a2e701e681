package dev.peerget.cli.commands;

import dev.peerget.cli.Console;
import dev.peerget.cli.ExitCode;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.cli.render.TransactionPrinter;
import dev.peerget.engine.Peerget;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code recover}: finish what an interrupted dpkg or rpm run left, like {@code dpkg --configure -a}. */
@Command(name = "recover", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
        description = "Finish what an interrupted transaction left (dpkg --configure -a; for rpm, erase the older "
                + "half of an interrupted upgrade). Recorded in the history.")
public final class RecoverCommand implements Callable<Integer> {
    @ParentCommand
    PeergetCommand parent;

    @Override
    public Integer call() {
        Console console = parent.invocation().console();
        try (Peerget engine = parent.invocation().engine()) {
            var result = engine.recover("peerget " + String.join(" ", parent.invocation().arguments()),
                    new TransactionPrinter(console.out(), console.err(), false, parent.invocation().debug()));
            if (result.isEmpty()) {
                console.out().println("Nothing to recover: no interrupted transaction.");
                return ExitCode.OK.code();
            }
            return result.get().ok() ? ExitCode.OK.code() : ExitCode.PACKAGE_TOOL.code();
        }
    }
}
