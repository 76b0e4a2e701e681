package dev.peerget.cli.commands;

import dev.peerget.cli.ExitCode;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.cli.render.Sizes;
import dev.peerget.cli.render.UpdateProgressPrinter;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.update.RepositoryOutcome;
import dev.peerget.engine.update.UpdateReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code update}: download and verify the metadata of every configured repository. */
@Command(name = "update", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class, aliases = {"makecache", "refresh"},
        description = "Download, verify and store the metadata of every configured repository. A repository that "
                + "fails keeps its previous metadata; the exit code is then 1 (4 for a verification failure).")
public final class UpdateCommand implements Callable<Integer> {
    @ParentCommand
    PeergetCommand parent;

    @Override
    public Integer call() {
        var console = parent.invocation().reportConsole();
        PrintWriter out = console.out();
        try (Peerget engine = parent.invocation().engine()) {
            UpdateReport report = engine.update(new UpdateProgressPrinter(out, console.err()));
            long millis = Math.max(1, report.elapsed().toMillis());
            out.println("Fetched " + Sizes.human(report.bytesFetched()) + " in " + seconds(millis) + " ("
                    + Sizes.human(report.bytesFetched() * 1000 / millis) + "/s)");
            ExitCode code = ExitCode.OK;
            for (RepositoryOutcome o : report.outcomes()) {
                if (o.error() != null) {
                    String prefix = o.status() == RepositoryOutcome.Status.SKIPPED ? "W: " : "E: ";
                    console.err().println(prefix + o.error().getMessage());
                    o.error().hint().ifPresent(h -> console.err().println("hint: " + h));
                    if (o.status() == RepositoryOutcome.Status.FAILED) {
                        code = o.error() instanceof dev.peerget.repo.VerificationException
                                ? ExitCode.VERIFICATION : (code == ExitCode.VERIFICATION ? code : ExitCode.FAILED);
                    }
                }
            }
            if (code != ExitCode.OK) {
                console.err().println("E: Some index files failed to download. They have been ignored, or old ones "
                        + "used instead.");
            }
            return code.code();
        }
    }

    private static String seconds(long millis) {
        return millis < 1000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
