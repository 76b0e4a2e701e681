package dev.peerget.cli.render;

import dev.peerget.engine.install.TransactionListener;
import dev.peerget.fetch.swarm.FetchItem;
import dev.peerget.fetch.swarm.FetchReport;
import dev.peerget.fetch.swarm.FetchSource;
import dev.peerget.fetch.swarm.FetchTotals;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A transaction as apt shows it: fetch lines and summary ({@link FetchProgressPrinter}), then dpkg's or rpm's own
 * output line by line, then a note about seeding. With {@code --debug}, each dpkg or rpm run is announced with its
 * command line and its end with the exit code and duration ({@code D: dpkg exited with 0 after 1.20 s}).
 */
public final class TransactionPrinter implements TransactionListener {
    private final FetchProgressPrinter fetch;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean debug;
    private long commandStartedNanos;

    public TransactionPrinter(PrintWriter out, PrintWriter err, boolean terminal, boolean debug) {
        this.fetch = new FetchProgressPrinter(out, err, terminal, debug);
        this.out = out;
        this.err = err;
        this.debug = debug;
    }

    @Override
    public void done(FetchItem item, FetchSource source, long bytes, Path file) {
        fetch.done(item, source, bytes, file);
    }

    @Override
    public void progress(FetchTotals totals) {
        fetch.progress(totals);
    }

    @Override
    public void notice(String message) {
        fetch.notice(message);
    }

    @Override
    public void debug(String message) {
        fetch.debug(message);
    }

    @Override
    public void fetched(FetchReport report) {
        fetch.summary(report);
    }

    @Override
    public void signatureChecked(String label, String signer) {
        if (debug) {
            err.println("D: " + label + ": signed by " + signer);
        }
    }

    @Override
    public synchronized void commandStarted(List<String> command) {
        commandStartedNanos = System.nanoTime();
        if (debug) {
            err.println("D: running " + String.join(" ", command));
            err.flush();
        }
    }

    @Override
    public synchronized void commandFinished(List<String> command, int exitCode) {
        if (debug) {
            String tool = command.isEmpty() ? "command" : Path.of(command.get(0)).getFileName().toString();
            err.println(String.format(Locale.ROOT, "D: %s exited with %d after %.2f s", tool, exitCode,
                    (System.nanoTime() - commandStartedNanos) / 1e9));
            err.flush();
        }
    }

    @Override
    public synchronized void output(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public void seeding(int torrents, boolean started) {
        out.println("N: seeding what was fetched in the background" + (started ? "" : " (joined the running seeder)")
                + "; see 'peerget seed status'");
        out.flush();
    }
}
