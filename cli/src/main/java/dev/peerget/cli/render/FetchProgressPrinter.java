package dev.peerget.cli.render;

import dev.peerget.fetch.swarm.FetchItem;
import dev.peerget.fetch.swarm.FetchListener;
import dev.peerget.fetch.swarm.FetchReport;
import dev.peerget.fetch.swarm.FetchSource;
import dev.peerget.fetch.swarm.FetchTotals;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetch progress: one {@code Get:N SOURCE name version arch [size]} line per package as it is verified, a status
 * line redrawn in place on a terminal (never when output is a pipe or a file), and the summary
 * {@code Fetched 120 MB in 3s (40.0 MB/s): 95 MB from 14 peers, 25 MB from mirror}. With {@code --debug}, the summary
 * is followed on standard error by the exact byte counts ({@code D: fetch: ...}), for benchmarks and bug reports.
 */
public final class FetchProgressPrinter implements FetchListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private final boolean debug;
    private final AtomicInteger seq = new AtomicInteger();
    private int statusWidth;

    public FetchProgressPrinter(PrintWriter out, PrintWriter err, boolean terminal) {
        this(out, err, terminal, false);
    }

    public FetchProgressPrinter(PrintWriter out, PrintWriter err, boolean terminal, boolean debug) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.debug = debug;
    }

    @Override
    public synchronized void done(FetchItem item, FetchSource source, long bytes, Path file) {
        if (source == FetchSource.CACHE) {
            return;
        }
        clearStatus();
        String from = source == FetchSource.PEERS ? "peers"
                : item.mirrors().isEmpty() ? "mirror" : origin(item.mirrors().get(0).toString());
        out.println("Get:" + seq.incrementAndGet() + " " + from + " " + item.label() + " [" + Sizes.human(item.size())
                + "]");
        out.flush();
    }

    @Override
    public synchronized void progress(FetchTotals t) {
        if (!terminal || t.files() == 0) {
            return;
        }
        int percent = t.bytes() == 0 ? 100 : (int) (100 * t.bytesDone() / t.bytes());
        String line = String.format(Locale.ROOT, "%d%% [%d/%d files] %s/s  peers %s  mirror %s", percent,
                t.filesDone(), t.files(), Sizes.human(t.bytesPerSecond()), Sizes.human(t.peerBytes()),
                Sizes.human(t.mirrorBytes() + t.webSeedBytes()));
        out.print("\r" + line + " ".repeat(Math.max(0, statusWidth - line.length())));
        out.flush();
        statusWidth = line.length();
    }

    @Override
    public synchronized void notice(String message) {
        clearStatus();
        err.println("N: " + message);
        err.flush();
    }

    @Override
    public synchronized void debug(String message) {
        if (debug) {
            clearStatus();
            err.println("D: " + message);
            err.flush();
        }
    }

    /** The closing line; nothing when every file came from the cache. */
    public synchronized void summary(FetchReport report) {
        clearStatus();
        FetchTotals t = report.totals();
        long peers = t.peerBytes();
        long mirror = t.mirrorBytes() + t.webSeedBytes();
        long total = peers + mirror;
        if (total == 0) {
            return;
        }
        double seconds = Math.max(0.001, report.elapsed().toMillis() / 1000.0);
        StringBuilder line = new StringBuilder("Fetched ").append(Sizes.human(total)).append(" in ")
                .append(seconds < 10 ? String.format(Locale.ROOT, "%.1fs", seconds) : Math.round(seconds) + "s")
                .append(" (").append(Sizes.human((long) (total / seconds))).append("/s): ");
        line.append(Sizes.human(peers)).append(" from ");
        line.append(report.maxPeers() > 0 ? report.maxPeers() + (report.maxPeers() == 1 ? " peer" : " peers")
                : "peers");
        line.append(", ").append(Sizes.human(mirror)).append(" from mirror");
        out.println(line);
        out.flush();
        if (debug) {
            err.printf(Locale.ROOT, "D: fetch: %d files, %d bytes; received %d bytes from peers, %d from mirrors by piece ranges, "
                    + "%d from mirrors; %d ms; at most %d peers%n", t.files(), t.bytes(), t.peerBytes(),
                    t.webSeedBytes(), t.mirrorBytes(), report.elapsed().toMillis(), report.maxPeers());
            err.flush();
        }
    }

    private void clearStatus() {
        if (terminal && statusWidth > 0) {
            out.print("\r" + " ".repeat(statusWidth) + "\r");
            statusWidth = 0;
        }
    }

    /** {@code http://host:port/path/pool/…} → {@code http://host:port/path} up to the pool or Packages dir. */
    private static String origin(String url) {
        int cut = url.indexOf("/pool/");
        if (cut < 0) {
            cut = url.lastIndexOf('/');
        }
        return cut > 0 ? url.substring(0, cut) : url;
    }
}
