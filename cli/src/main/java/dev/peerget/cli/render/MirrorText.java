package dev.peerget.cli.render;

import dev.peerget.engine.mirror.IndexSignature;
import dev.peerget.engine.mirror.IndexTorrent;
import dev.peerget.engine.mirror.PublishReport;
import dev.peerget.engine.mirror.SeedListener;
import dev.peerget.engine.mirror.SeedSession;
import dev.peerget.engine.mirror.SeededTorrent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The text of the {@code mirror} commands: results on standard output, warnings ({@code W:}) on standard error. */
public final class MirrorText {
    private MirrorText() {
    }

    public static void publishReport(PublishReport r, PrintWriter out, PrintWriter err) {
        out.println((r.format().equals("apt") ? "apt archive " : "yum repository ") + r.root() + ": torrent name '"
                + r.name() + "', " + (r.urlList().isEmpty() ? "no web seeds"
                        : "web seeds " + String.join(", ", r.urlList())));
        for (IndexTorrent t : r.torrents()) {
            out.printf(Locale.ROOT, "%s: %d packages, %s, pieces of %s, info hash %s (%s)%n", t.index(), t.files(),
                    Sizes.human(t.bytes()), binary(t.pieceLength()), t.infoHash(),
                    t.changed() ? "written" : "unchanged");
        }
        r.warnings().forEach(w -> err.println("W: " + w));
        r.torrents().forEach(t -> t.changedFiles().forEach(f -> out.println("Wrote " + f)));
        if (r.signed()) {
            if (!r.signatures().isEmpty()) {
                out.println("Signed with " + r.signedWith() + ": " + names(r.signatures()));
            }
        } else if (!r.signatures().isEmpty()) {
            err.println("W: not signed again: " + names(r.signatures()) + " (the index changed or is newer than "
                    + "its signature; clients refuse the repository until it is signed again)");
            out.println("To sign again, run" + (r.suggestedKey() == null
                    ? " (with your key for " + PublishReport.KEY_PLACEHOLDER + "):" : ":"));
            r.resignCommands().forEach(c -> out.println("  " + c));
            err.println("hint: run the commands printed above, or run 'peerget mirror torrent' again with "
                    + "--sign-key KEYID to have it sign (see docs/mirror.md)");
        }
        for (Path unsigned : r.unsignedIndexes()) {
            err.println("N: " + unsigned + " is not signed: clients accept it only if told to trust it "
                    + "([trusted=yes], repo_gpgcheck=0); --sign-key signs it");
        }
    }

    /** A piece length, a power of two: {@code 16 KiB}, {@code 4 MiB}. */
    private static String binary(int bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }

    private static String names(List<IndexSignature> signatures) {
        return signatures.stream().map(s -> s.signature().toString()).collect(Collectors.joining(", "));
    }

    public static void seedStarted(SeedSession session, Path root, PrintWriter out, PrintWriter err) {
        session.warnings().forEach(w -> err.println("W: " + w));
        int n = session.torrents().size();
        out.println("Seeding " + n + " torrent" + (n == 1 ? "" : "s") + " of " + root + " on port " + session.port()
                + " (interrupt to stop)");
        for (SeededTorrent t : session.torrents()) {
            out.printf(Locale.ROOT, "  %s: %s, %d files, %s, info hash %s%n", t.id(), t.torrentFile(), t.files(),
                    Sizes.human(t.bytes()), t.infoHash());
        }
        out.flush();
    }

    /** Prints each status as one line, flushed, so a log or a pipe sees it at once. */
    public static SeedListener seedListener(PrintWriter out, PrintWriter err) {
        return new SeedListener() {
            @Override
            public void status(SeededTorrent t, String state, long verified, long downloaded) {
                synchronized (out) {
                    out.printf(Locale.ROOT, "%s: %s, %s of %s verified%s%n", t.id(), state, Sizes.human(verified),
                            Sizes.human(t.bytes()), downloaded > 0 ? ", " + Sizes.human(downloaded) + " downloaded"
                                    : "");
                    out.flush();
                }
            }

            @Override
            public void problem(SeededTorrent t, String message) {
                synchronized (err) {
                    err.println("W: " + (t == null ? "" : t.id() + ": ") + message);
                    err.flush();
                }
            }
        };
    }
}
